package io.pgferry.anonymizer;

import io.pgferry.extractor.Column;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The judgement of the PII scan on one column: evidence from its name ({@link PiiNames}) and from a sample of
 * its values ({@link PiiValues}), combined, with the rule to suggest. Reading the catalog and the samples is
 * the caller's (the orchestrator's {@code PiiScanner}); this class never touches a database.
 */
public final class PiiDetector {
  /** Sampled values not looking like what the name says lower a name match by this factor. */
  private static final double CONTRADICTED = 0.6;
  private static final int MIN_CONTRADICTING = 10;

  private PiiDetector() {}

  /**
   * What the scan concludes about a column.
   *
   * @param kind a short key such as {@code email} or {@code iban}
   * @param label the kind for people, e.g. {@code e-mail address}
   * @param confidence 0 to 1, two decimals
   * @param reasons the evidence, strongest first
   * @param suggested a rule that works for the column today, as the value of a {@code transforms:} entry
   * @param consider the realistic rule to consider instead, as YAML
   */
  public record Verdict(String kind, String label, double confidence, List<String> reasons, String suggested, String consider) {
    public Verdict {
      Objects.requireNonNull(kind, "kind");
      reasons = List.copyOf(reasons);
    }
  }

  /** Whether values of a column of this type ({@code format_type} spelling) are worth sampling. */
  public static boolean sampled(String type) {
    return TypeClass.of(type).sampled();
  }

  /**
   * Name and value evidence for one column, combined; empty when neither says personal data.
   *
   * @param table the table's name (without schema): a {@code name} column of {@code customers} is a person's
   * @param values the column's sampled non-null values, or null when it was not sampled
   * @param today the reference day for dates of birth
   */
  public static Optional<Verdict> judge(String table, Column col, List<String> values, LocalDate today) {
    TypeClass type = TypeClass.of(col.type());
    if (type == TypeClass.BOOLEAN) {
      return Optional.empty();
    }
    // a weak name ("cap", "card", "tel") is only believed on a text column
    Optional<PiiNames.Hit> name = PiiNames.match(table, col.name())
        .filter(h -> fits(h.kind(), type) && (h.confidence() > PiiNames.WEAK || type == TypeClass.TEXT));
    Optional<PiiValues.Hit> value = values == null || !type.sampled() ? Optional.empty() : PiiValues.match(type, values, today);
    if (name.isEmpty() && value.isEmpty()) {
      return Optional.empty();
    }
    List<String> reasons = new ArrayList<>();
    PiiKind kind;
    double confidence;
    if (name.isPresent() && value.isPresent() && name.get().kind() == value.get().kind()) {
      kind = name.get().kind();
      confidence = 1 - (1 - name.get().confidence()) * (1 - value.get().confidence());
      reasons.add(name.get().reason());
      reasons.add(value.get().reason());
    } else if (value.isPresent() && (name.isEmpty() || value.get().confidence() >= name.get().confidence())) {
      kind = value.get().kind();
      confidence = value.get().confidence();
      reasons.add(value.get().reason());
      name.ifPresent(n -> reasons.add(n.reason()));
    } else {
      kind = name.get().kind();
      confidence = name.get().confidence();
      reasons.add(name.get().reason());
      value.ifPresent(v -> reasons.add(v.reason()));
      if (value.isEmpty() && values != null && values.size() >= MIN_CONTRADICTING && checkable(kind, type)) {
        confidence *= CONTRADICTED;
        reasons.add("none of " + values.size() + " sampled values looks like one");
      }
    }
    confidence = Math.round(confidence * 100) / 100.0;
    return Optional.of(new Verdict(kind.key(), kind.label(), confidence, reasons, kind.suggest(col).yaml(), kind.fake()));
  }

  /** Whether a column of this type can hold this kind of data at all (a boolean "mobile" is not a phone number). */
  private static boolean fits(PiiKind kind, TypeClass type) {
    return switch (type) {
      case TEXT, JSON, OTHER -> true;
      case DATE, TIMESTAMP -> kind == PiiKind.BIRTH_DATE;
      case INET -> kind == PiiKind.IP_ADDRESS;
      case NUMBER -> kind == PiiKind.PHONE || kind == PiiKind.CARD || kind == PiiKind.NATIONAL_ID || kind == PiiKind.POSTCODE;
      case BOOLEAN -> false;
    };
  }

  /** Kinds whose values the sample recognises reliably, so their absence counts against the name. */
  private static boolean checkable(PiiKind kind, TypeClass type) {
    return type == TypeClass.TEXT && (kind == PiiKind.EMAIL || kind == PiiKind.IBAN || kind == PiiKind.CARD
        || kind == PiiKind.IP_ADDRESS);
  }
}
