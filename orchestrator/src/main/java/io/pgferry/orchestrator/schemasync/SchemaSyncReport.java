package io.pgferry.orchestrator.schemasync;

import io.pgferry.orchestrator.Reports;

import io.pgferry.schemadiff.SchemaPlan;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * Outcome of a diff or schema-sync: the plan, its script, and whether it was applied.
 *
 * @param script the rendered SQL script (header, sections, reasons, hazards)
 */
public record SchemaSyncReport(String source, String target, SchemaPlan plan, String script, boolean applied, Duration elapsed) {

  public boolean identical() {
    return plan.isEmpty();
  }

  public String toJson() {
    List<JsonChange> changes = plan.sections().stream()
        .flatMap(s -> s.changes().stream().map(c -> new JsonChange(s.title(), c.sql(), c.reason(), c.note(),
            c.hazards().stream().map(h -> new JsonHazard(h.kind().label(), h.id(), h.needsConsent(), h.detail())).toList())))
        .toList();
    return Reports.json(new JsonReport(source, target, identical(), applied, plan.statements().size(), Reports.seconds(elapsed), changes, plan.remarks()));
  }

  private record JsonReport(String source, String target, boolean identical, boolean applied, int statements,
      BigDecimal elapsedSeconds, List<JsonChange> changes, List<String> remarks) {}

  private record JsonChange(String section, String sql, String reason, boolean note, List<JsonHazard> hazards) {}

  private record JsonHazard(String kind, String id, boolean needsConsent, String detail) {}
}
