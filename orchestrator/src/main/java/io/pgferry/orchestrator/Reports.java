package io.pgferry.orchestrator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * The one JSON writer of the reports' {@code --json} output. Each report describes its document as private
 * records (its "views"): a view's component names, in snake_case, are the keys, in the order declared; null
 * values are written as null.
 */
public final class Reports {
  private Reports() {}

  /** Configured once and shared: an ObjectMapper is thread-safe, and building one costs far more than a report. */
  static final JsonMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      // A BigDecimal keeps its scale in the output ("1.500", never 1.5 or 1.5E+0), so fixed decimals stay fixed.
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();

  public static String json(Object view) {
    try {
      return JSON.writeValueAsString(view);
    } catch (JsonProcessingException e) {
      // Views hold only strings, numbers, booleans, lists and maps: failing here is a bug, not bad input.
      throw new IllegalStateException("could not render a report as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Seconds with exactly three decimals, as the reports have always printed them. */
  public static BigDecimal seconds(Duration d) {
    return BigDecimal.valueOf(d.toNanos(), 9).setScale(3, RoundingMode.HALF_UP);
  }

  /** A fraction with exactly {@code scale} decimals (rounded half up, as {@code %.2f} does). */
  public static BigDecimal decimals(double d, int scale) {
    return BigDecimal.valueOf(d).setScale(scale, RoundingMode.HALF_UP);
  }
}
