package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Bytes;

import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.DdlWriter;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.SqlStatement;
import io.pgferry.loader.TableLoad;
import java.util.List;

/**
 * What a clone will do, computed before the target is touched; printed as-is by {@code --dry-run}.
 *
 * @param catalog the selected part of the source catalog
 * @param sequences sequence positions to restore after the load
 * @param warnings things left out (e.g. a foreign key to an excluded table), for the user to read
 * @param subset the computed subset, when the clone copies one (null otherwise)
 */
public record ClonePlan(
    Catalog catalog,
    List<DdlWriter.Wave> baseWaves,
    List<TableLoad> loads,
    List<SequenceValue> sequences,
    List<SqlStatement> seal,
    List<String> warnings,
    io.pgferry.orchestrator.subset.SubsetPlan subset) {

  public ClonePlan(Catalog catalog, List<DdlWriter.Wave> baseWaves, List<TableLoad> loads, List<SequenceValue> sequences,
      List<SqlStatement> seal, List<String> warnings) {
    this(catalog, baseWaves, loads, sequences, seal, warnings, null);
  }

  /** The base phase's statements in the order one connection runs them. */
  public List<SqlStatement> base() {
    List<SqlStatement> out = new java.util.ArrayList<>();
    baseWaves.forEach(w -> out.addAll(w.statements()));
    return out;
  }

  /** A sequence (stand-alone or an identity's) and the value to set with {@code setval(seq, value, true)}. */
  public record SequenceValue(QualifiedName target, long value) {}

  public ClonePlan {
    baseWaves = List.copyOf(baseWaves);
    loads = List.copyOf(loads);
    sequences = List.copyOf(sequences);
    seal = List.copyOf(seal);
    warnings = List.copyOf(warnings);
  }

  /** The same plan with more warnings after the planner's. */
  ClonePlan withWarnings(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<String> all = new java.util.ArrayList<>(warnings);
    all.addAll(more);
    return new ClonePlan(catalog, baseWaves, loads, sequences, seal, all, subset);
  }

  /** The same plan, loading {@code loads} for {@code subset}. */
  ClonePlan withSubset(List<TableLoad> subsetLoads, io.pgferry.orchestrator.subset.SubsetPlan computed) {
    return new ClonePlan(catalog, baseWaves, subsetLoads, sequences, seal, warnings, computed);
  }

  /** The plan as SQL-ish text: each phase's DDL and the load plan. Never contains a value or password. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    List<SqlStatement> base = base();
    sb.append("-- phase 1: base DDL (one transaction, or several if the target's lock table cannot hold it; ").append(base.size()).append(" statements)\n");
    base.forEach(s -> sb.append("-- ").append(s.purpose()).append('\n').append(s.sql()).append(";\n"));
    if (subset != null) {
      sb.append('\n').append(subset.render());
    }
    sb.append("\n-- phase 2: load (").append(loads.size()).append(" tables, largest first)\n");
    for (TableLoad l : loads) {
      sb.append("-- copy ").append(l.table().name()).append(" -> ").append(l.target()).append("  (~")
          .append(Math.max(0, l.table().estimatedRows())).append(" rows, ").append(Bytes.human(l.table().estimatedBytes())).append(')');
      if (l.where() != null) {
        sb.append("  where ").append(l.where().replace('\n', ' '));
      }
      if (l.rows() != null) {
        sb.append("  subset: ").append(l.rows().size()).append(" rows");
      }
      if (!l.transformers().isEmpty()) {
        sb.append("  transform ").append(String.join(", ", l.transformers().keySet()));
      }
      sb.append('\n');
    }
    sequences.forEach(s -> sb.append("SELECT setval(").append(io.pgferry.extractor.Sql.literal(s.target().quoted()))
        .append(", ").append(s.value()).append(", true);\n"));
    sb.append("\n-- phase 3: seal (").append(seal.size()).append(" statements; as one transaction with ").append(io.pgferry.extractor.Option.SEAL.mention("SINGLE_TRANSACTION")).append(",")
        .append(" otherwise index builds in parallel, see docs/performance.md)\n");
    seal.forEach(s -> sb.append("-- ").append(s.purpose()).append('\n').append(s.sql()).append(";\n"));
    if (!warnings.isEmpty()) {
      sb.append("\n-- warnings\n");
      warnings.forEach(w -> sb.append("-- ").append(w).append('\n'));
    }
    return sb.toString();
  }
}
