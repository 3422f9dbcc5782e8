package io.pgferry.extractor;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the loader and the applier get connections: each call opens a fresh one, which the caller then owns and
 * closes (the loader: one source and one target connection per table in flight; the applier: one per lane). The
 * orchestrator's {@code Endpoint} gives one for a role ({@code endpoint.source("pgferry load")}); a library user
 * can pass any lambda over a {@code DataSource} or {@code DriverManager}.
 */
@FunctionalInterface
public interface ConnectionSource {
  Connection open() throws SQLException;
}
