package io.pgferry.schemadiff;

import java.util.Objects;

/**
 * A risk attached to one statement of a {@link SchemaPlan}.
 *
 * @param kind what can go wrong
 * @param id a stable name for {@code --allow-hazards}: {@code <schema>.<object>[.<column>]:<action>}, e.g.
 *     {@code public.orders.total:type-change}
 * @param detail one readable sentence for the script and the report
 * @param needsConsent the plan is refused unless the user names {@link #id()}: data may be lost or
 *     rewritten in a way a rollback-on-failure cannot catch
 */
public record Hazard(Kind kind, String id, String detail, boolean needsConsent) {
  /** The kinds of risk a schema change carries. */
  public enum Kind {
    DATA_LOSS,
    MAY_FAIL,
    TABLE_REWRITE,
    ACCESS_EXCLUSIVE_LOCK,
    INDEX_BUILD;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public Hazard {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(detail, "detail");
  }

  static Hazard of(Kind kind, String id, String detail) {
    return new Hazard(kind, id, detail, false);
  }

  static Hazard consent(Kind kind, String id, String detail) {
    return new Hazard(kind, id, detail, true);
  }
}
