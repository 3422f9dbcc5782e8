package io.pgferry.extractor;

import java.util.Objects;

/**
 * One DDL statement with the reason it exists, so plans can be printed, reviewed and named in errors.
 *
 * @param sql the statement, without a trailing semicolon
 * @param purpose a short human description, e.g. {@code create table public.orders}
 */
public record SqlStatement(String sql, String purpose) {
  public SqlStatement {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(purpose, "purpose");
  }

  @Override
  public String toString() {
    return sql + ";";
  }
}
