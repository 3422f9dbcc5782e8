package io.pgferry.orchestrator;

import io.pgferry.extractor.Hazard;
import io.pgferry.extractor.SchemaPlan;
import java.time.Duration;

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
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"source\":").append(Json.str(source)).append(",\"target\":").append(Json.str(target))
        .append(",\"identical\":").append(identical()).append(",\"applied\":").append(applied)
        .append(",\"statements\":").append(plan.statements().size())
        .append(",\"elapsed_seconds\":").append(Json.seconds(elapsed)).append(",\"changes\":[");
    boolean first = true;
    for (SchemaPlan.Section s : plan.sections()) {
      for (SchemaPlan.Change c : s.changes()) {
        sb.append(first ? "" : ",").append("{\"section\":").append(Json.str(s.title())).append(",\"sql\":").append(Json.str(c.sql()))
            .append(",\"reason\":").append(Json.str(c.reason())).append(",\"note\":").append(c.note()).append(",\"hazards\":[");
        for (int i = 0; i < c.hazards().size(); i++) {
          Hazard h = c.hazards().get(i);
          sb.append(i == 0 ? "" : ",").append("{\"kind\":").append(Json.str(h.kind().label())).append(",\"id\":").append(Json.str(h.id()))
              .append(",\"needs_consent\":").append(h.needsConsent()).append(",\"detail\":").append(Json.str(h.detail())).append('}');
        }
        sb.append("]}");
        first = false;
      }
    }
    return sb.append("]}").toString();
  }
}
