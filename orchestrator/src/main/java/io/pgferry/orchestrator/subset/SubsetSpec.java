package io.pgferry.orchestrator.subset;

import io.pgferry.extractor.QualifiedName;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What part of the source a subset keeps: start rows, everything that belongs to them (children, through foreign
 * keys that point at them), and every row a kept row references (parents, always, so the subset passes every
 * foreign key of the source).
 *
 * @param start the start tables and which of their rows start the subset
 * @param children also keep the rows that reference kept start rows, transitively (not the children of rows kept
 *     only as parents: one store would pull the whole database)
 * @param others what the tables the subset never reaches get
 * @param virtualForeignKeys relationships the database does not declare, followed like declared ones
 * @param skip edges not followed towards children: a constraint as {@code schema.table.constraint} or the
 *     referencing columns as {@code schema.table(col, …)}
 * @param memory bytes the kept rows' addresses may take in memory (at most 64 bytes a row);
 *     a larger subset keeps them in temporary tables on the target instead; 0 does so from the start
 */
public record SubsetSpec(Map<QualifiedName, Start> start, boolean children, Others others,
    List<VirtualKey> virtualForeignKeys, Set<String> skip, long memory) implements java.io.Serializable {

  /** 512 MiB: about eight million kept rows. */
  public static final long DEFAULT_MEMORY = 512L << 20;

  public SubsetSpec(Map<QualifiedName, Start> start, boolean children, Others others, List<VirtualKey> virtualForeignKeys,
      Set<String> skip) {
    this(start, children, others, virtualForeignKeys, skip, DEFAULT_MEMORY);
  }

  public SubsetSpec {
    start = Map.copyOf(Objects.requireNonNull(start, "start"));
    if (start.isEmpty()) {
      throw new IllegalArgumentException("a subset needs at least one start table");
    }
    others = others == null ? Others.ALL : others;
    virtualForeignKeys = virtualForeignKeys == null ? List.of() : List.copyOf(virtualForeignKeys);
    skip = skip == null ? Set.of() : Set.copyOf(skip);
    if (memory < 0) {
      throw new IllegalArgumentException("memory must not be negative, got " + memory);
    }
  }

  /** The same subset with {@code memory} bytes for its kept rows. */
  public SubsetSpec withMemory(long memory) {
    return new SubsetSpec(start, children, others, virtualForeignKeys, skip, memory);
  }

  /** What the tables the subset never reaches get. */
  public enum Others {
    /** Every row, when the table references no table the subset filters (otherwise none). */
    ALL,
    /** The table is created, with no rows. */
    SCHEMA_ONLY,
    /** The table is not cloned. */
    NONE
  }

  /**
   * Start rows of one table: those matching {@code where} (a boolean SQL expression over its columns, checked
   * like a table rule's), optionally sampled ({@code percent} of them, the same rows for the same {@code seed})
   * and at most {@code limit} of them, in primary key order.
   */
  public record Start(String where, Long limit, Double percent, long seed) implements java.io.Serializable {
    public Start {
      where = where == null || where.isBlank() ? null : where.strip();
      if (limit != null && limit < 0) {
        throw new IllegalArgumentException("limit must not be negative, got " + limit);
      }
      if (percent != null && (percent <= 0 || percent > 100)) {
        throw new IllegalArgumentException("percent must be in (0, 100], got " + percent);
      }
    }

    public static Start where(String where) {
      return new Start(where, null, null, 0);
    }
  }

  /** A foreign key the database does not declare: {@code from(columns)} references {@code to(referenced)}. */
  public record VirtualKey(QualifiedName from, List<String> columns, QualifiedName to, List<String> referenced) implements java.io.Serializable {
    public VirtualKey {
      columns = List.copyOf(columns);
      referenced = List.copyOf(referenced);
      if (columns.isEmpty() || columns.size() != referenced.size()) {
        throw new IllegalArgumentException("a virtual foreign key needs as many referenced columns as columns: " + from + columns
            + " -> " + to + referenced);
      }
    }
  }
}
