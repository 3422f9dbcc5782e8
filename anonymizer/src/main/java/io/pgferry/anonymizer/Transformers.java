package io.pgferry.anonymizer;

import io.pgferry.extractor.Column;
import io.pgferry.loader.LoadException;
import io.pgferry.loader.RowTransformer;
import io.pgferry.loader.SourceSide;
import io.pgferry.loader.When;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The built-in transformers, by name. The user-facing list with options and examples is
 * docs/anonymization.md; in short:
 *
 * <ul>
 *   <li>identity-safe: {@code keep}, {@code set_null}, {@code constant}, {@code default}, {@code hash};
 *   <li>fakes: {@code fake} with a {@code kind} ({@link FakeTransformer});
 *   <li>shaping: {@code mask}, {@code regex_replace}, {@code template}, {@code choice}, {@code truncate},
 *       {@code shuffle} ({@link TextTransformers});
 *   <li>numbers and time: {@code noise}, {@code generalize}, {@code random_int}, {@code permute},
 *       {@code date_shift}, {@code random_date} ({@link NumberTransformers}, {@link DateTransformers});
 *   <li>structured: {@code json} ({@link JsonTransformer}); array columns get any value transformer
 *       element by element ({@link ArrayTransformer});
 *   <li>{@code sql}: an expression the source evaluates ({@link SourceSide}).
 * </ul>
 *
 * Every rule also takes {@code when} (an SQL condition on the row) and {@code mode} ({@code deterministic},
 * the default, or {@code random}). Deterministic outputs are seeded by {@link Seeds}: the same salt, rule and
 * value give the same output everywhere. Unknown options are refused so that a typo does not silently fall
 * back to a default.
 */
public final class Transformers {
  /** Creates one transformer; {@code seeds} are keyed by the salt and the rule. */
  interface Factory {
    RowTransformer create(Options options, Column column, Build build);
  }

  /** What a factory gets besides the options. */
  record Build(TransformerContext context, Seeds seeds) {
    boolean unique() {
      return context.unique();
    }

    byte[] salt() {
      return context.salt();
    }

    /** A nested rule (json paths) for a value of type {@code text}. */
    RowTransformer nested(Object spec, Column column, String label) {
      TransformerSpec s = TransformerSpec.parse(spec, label);
      return create(s, column, new TransformerContext(context.salt(), false));
    }
  }

  private static final Map<String, Factory> BUILT_INS;
  /** Transformers that replace a whole array value rather than each element. */
  private static final Set<String> WHOLE_VALUE = Set.of("keep", "set_null", "constant", "default", "sql", "shuffle", "json");

  static {
    Map<String, Factory> m = new TreeMap<>();
    m.put("keep", (o, c, b) -> RowTransformer.Keep.INSTANCE);
    m.put("set_null", Transformers::setNull);
    m.put("constant", Transformers::constant);
    m.put("default", Transformers::useDefault);
    m.put("hash", Transformers::hash);
    m.put("sql", (o, c, b) -> new SourceSide.Expression(o.requiredString("expression", "an SQL expression over the row")));
    m.put("shuffle", Transformers::shuffle);
    m.put("fake", FakeTransformer::create);
    m.put("mask", TextTransformers::mask);
    m.put("regex_replace", TextTransformers::regexReplace);
    m.put("template", TextTransformers::template);
    m.put("choice", TextTransformers::choice);
    m.put("truncate", TextTransformers::truncate);
    m.put("noise", NumberTransformers::noise);
    m.put("generalize", NumberTransformers::generalize);
    m.put("random_int", NumberTransformers::randomInt);
    m.put("permute", NumberTransformers::permute);
    m.put("date_shift", DateTransformers::dateShift);
    m.put("random_date", DateTransformers::randomDate);
    m.put("json", JsonTransformer::create);
    BUILT_INS = Collections.unmodifiableMap(m);
  }

  private Transformers() {}

  /** Names of the built-in transformers, sorted. */
  static Set<String> names() {
    return BUILT_INS.keySet();
  }

  /** {@code keep}: the value passes through; a rule that exists so {@code strict} pipelines can say so. */
  public static boolean isKeep(RowTransformer t) {
    return t == RowTransformer.Keep.INSTANCE;
  }

  /** Whether the rule makes the source read the whole table for any row (shuffle). */
  public static boolean scansWholeTable(RowTransformer t) {
    return t instanceof SourceSide.Shuffle;
  }

  /** Whether the output depends on the value alone, so it can be applied to referencing columns too. */
  public static boolean dependsOnValueOnly(RowTransformer t) {
    if (t instanceof ArrayTransformer a) {
      return dependsOnValueOnly(a.element());
    }
    if (t instanceof JsonTransformer j) {
      return j.paths().stream().allMatch(Transformers::dependsOnValueOnly);
    }
    return !(t instanceof SourceSide || t instanceof When || t instanceof TextTransformers.Template
        || t instanceof RandomMode);
  }

  /** See {@link #create(TransformerSpec, Column, TransformerContext)}; not unique. */
  public static RowTransformer create(TransformerSpec spec, Column column, byte[] salt) {
    return create(spec, column, new TransformerContext(salt, false));
  }

  /**
   * A transformer for one column.
   *
   * @throws LoadException with code CONFIG when the name is unknown, an option is missing, unknown or
   *     invalid, or the transformer cannot produce values that fit the column
   */
  public static RowTransformer create(TransformerSpec spec, Column column, TransformerContext context) {
    Factory factory = BUILT_INS.get(spec.name());
    if (factory == null) {
      throw new LoadException(LoadException.Reason.CONFIG, null, "unknown transformer '" + spec.name()
          + "' on column \"" + column.name() + "\"; known transformers: " + String.join(", ", names()));
    }
    // when and mode belong to every rule; the transformer's own options are checked without them
    Options common = new Options(spec, column);
    String when = common.string("when", null);
    boolean random = common.choice("mode", "deterministic", Set.of("deterministic", "random")).equals("random");
    Map<String, Object> own = new java.util.LinkedHashMap<>(spec.options());
    own.remove("when");
    own.remove("mode");
    Options options = new Options(new TransformerSpec(spec.name(), own), column);
    if (column.generated()) {
      throw options.error("the column is generated; the target computes its value, so it cannot be transformed");
    }
    if (random && context.unique()) {
      throw options.error("mode random cannot promise distinct values on a column under a unique index; use the "
          + "default deterministic mode");
    }
    Map<String, Object> ruleOptions = new TreeMap<>(spec.options());
    ruleOptions.remove("when");
    Seeds seeds = Seeds.of(context.salt(), spec.name() + ruleOptions, random);
    Build build = new Build(context, seeds);
    RowTransformer t;
    String type = column.type().strip();
    if (type.endsWith("[]") && !WHOLE_VALUE.contains(spec.name())) {
      Column element = new Column(column.name(), column.position(), type.substring(0, type.length() - 2), false, null, null, null, null);
      t = new ArrayTransformer(factory.create(options, element, build));
    } else {
      t = factory.create(options, column, build);
    }
    options.rejectUnused();
    if (random && !(t instanceof SourceSide)) {
      t = new RandomMode(t);
    }
    if (when != null) {
      if (t instanceof SourceSide.Expression e) {
        return SourceSide.when(when, e, column.name());
      }
      if (t instanceof SourceSide) {
        throw options.error("'when' cannot be combined with " + spec.name());
      }
      return new When(when, t);
    }
    return t;
  }

  private static RowTransformer setNull(Options options, Column column, Build b) {
    if (column.notNull()) {
      throw options.error("the column is NOT NULL, so its values cannot be set to NULL");
    }
    return (value, row) -> null;
  }

  private static RowTransformer constant(Options options, Column column, Build b) {
    if (!options.has("value")) {
      throw options.error("option 'value' is required (the new value in text form, or null)");
    }
    Object raw = options.take("value");
    String value = raw == null ? null : raw.toString();
    if (value == null && column.notNull()) {
      throw options.error("option 'value' is null but the column is NOT NULL");
    }
    if (value != null && value.indexOf('\0') >= 0) {
      throw options.error("option 'value' contains a NUL character, which PostgreSQL text cannot store");
    }
    if (b.unique() && value != null) {
      throw options.error("the column is under a unique index, so one constant value for every row would violate it");
    }
    return (v, row) -> value;
  }

  private static RowTransformer hash(Options options, Column column, Build b) {
    HashTransformer t = (HashTransformer) HashTransformer.create(options, column, b.salt());
    // 16 hex characters are 64 bits: below that, collisions among a table's keys become likely
    if (b.unique() && t.length() < 16) {
      throw options.error("a hash of " + t.length() + " characters can map different values to one, and the column is"
          + " under a unique index; use a length of at least 16");
    }
    return t;
  }

  private static RowTransformer useDefault(Options options, Column column, Build b) {
    if (column.defaultExpr() == null && column.identity() == null && column.notNull()) {
      throw options.error("the column has no default and is NOT NULL, so its default (NULL) would be rejected");
    }
    return new SourceSide.UseDefault();
  }

  private static RowTransformer shuffle(Options options, Column column, Build b) {
    // the seed goes into the query text: derive it, never send the salt itself
    return new SourceSide.Shuffle(Long.toHexString(b.seeds().of("shuffle\u0000" + column.name())));
  }

  /** Marks a random-mode rule (its output is not a function of the value, so it is never propagated). */
  record RandomMode(RowTransformer inner) implements RowTransformer {
    @Override
    public String apply(String value, Row row) {
      return inner.apply(value, row);
    }
  }
}
