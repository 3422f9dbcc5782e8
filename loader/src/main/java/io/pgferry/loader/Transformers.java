package io.pgferry.loader;

import io.pgferry.extractor.Column;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The built-in transformers, by name:
 *
 * <ul>
 *   <li>{@code set_null}: every value becomes NULL; refused on NOT NULL columns.
 *   <li>{@code constant}: every value, NULL included, becomes option {@code value} (text form; an explicit
 *       null means NULL, refused on NOT NULL columns). The target checks the text against the type.
 *   <li>{@code hash}: keyed HMAC-SHA256 of the value with the salt, see {@link HashTransformer}; NULL stays
 *       NULL; only on text-like columns (text, varchar, char, citext, name).
 * </ul>
 *
 * Unknown options are refused so that a typo does not silently fall back to a default.
 */
public final class Transformers {
  private interface Factory {
    RowTransformer create(Options options, Column column, byte[] salt);
  }

  private static final Map<String, Factory> BUILT_INS;

  static {
    Map<String, Factory> m = new TreeMap<>();
    m.put("set_null", Transformers::setNull);
    m.put("constant", Transformers::constant);
    m.put("hash", HashTransformer::create);
    BUILT_INS = Collections.unmodifiableMap(m);
  }

  private Transformers() {}

  /** Names of the built-in transformers, sorted. */
  public static Set<String> names() {
    return BUILT_INS.keySet();
  }

  /**
   * A transformer for one column.
   *
   * @param salt the key of {@code hash}; ignored by the others (may then be null)
   * @throws LoadException with code CONFIG when the name is unknown, an option is missing, unknown or
   *     invalid, or the transformer does not fit the column
   */
  public static RowTransformer create(TransformerSpec spec, Column column, byte[] salt) {
    Factory factory = BUILT_INS.get(spec.name());
    if (factory == null) {
      throw new LoadException(LoadException.Code.CONFIG, null, "unknown transformer '" + spec.name()
          + "' on column \"" + column.name() + "\"; known transformers: " + String.join(", ", names()));
    }
    Options options = new Options(spec, column);
    if (column.generated()) {
      throw options.error("the column is generated; the target computes its value, so it cannot be transformed");
    }
    RowTransformer t = factory.create(options, column, salt);
    options.rejectUnused();
    return t;
  }

  private static RowTransformer setNull(Options options, Column column, byte[] salt) {
    if (column.notNull()) {
      throw options.error("the column is NOT NULL, so its values cannot be set to NULL");
    }
    return (value, row) -> null;
  }

  private static RowTransformer constant(Options options, Column column, byte[] salt) {
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
    return (v, row) -> value;
  }
}
