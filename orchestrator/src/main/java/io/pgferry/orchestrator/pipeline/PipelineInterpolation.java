package io.pgferry.orchestrator.pipeline;

import java.util.Map;

/** {@link Interpolation} for pipeline scalars: the same syntax, with errors pointing into the file. */
final class PipelineInterpolation {
  private PipelineInterpolation() {}

  /**
   * Expands every reference in {@code text}.
   *
   * @param where the scalar's location, named by errors (undefined variable, malformed reference)
   */
  static String apply(String text, Map<String, String> env, Location where) {
    return Interpolation.apply(text, env, (what, hint) -> ConfigErrors.at(where, what, hint));
  }
}
