package io.pgferry.orchestrator.pipeline;

import io.pgferry.orchestrator.Reports;

import com.fasterxml.jackson.databind.util.RawValue;
import java.util.List;

/**
 * What {@code pgferry run} did with several steps: each step's report, in order, as one JSON document.
 *
 * @param steps the steps run, each with its report's JSON
 */
public record PipelineReport(List<StepReport> steps) {
  public PipelineReport {
    steps = List.copyOf(steps);
  }

  /** @param json the step's report as its own {@code toJson()} rendered it */
  public record StepReport(Step step, String json) {}

  public String toJson() {
    return Reports.json(new JsonReport(steps.stream().map(s -> new JsonStep(s.step().key(), new RawValue(s.json()))).toList()));
  }

  private record JsonReport(List<JsonStep> steps) {}

  /** The report is embedded as is: it is JSON already, rendered by the same mapper. */
  private record JsonStep(String step, RawValue report) {}
}
