package io.pgferry.anonymizer;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The transformers a pipeline may name, with their options. This is the one place the parser, the
 * validation messages and docs/pipeline.md take them from (the pipeline parser checks a rule's options against
 * it before {@link Transformers} creates the rule).
 */
public enum TransformerCatalog {
  KEEP("keep", "Copies the value unchanged; says so explicitly for `strict: true`.", false),
  SET_NULL("set_null", "Writes NULL. The column must be nullable in the target.", false),
  CONSTANT("constant", "Writes the same value into every row, as text the column's type must accept.",
      false,
      Option.string("value", true, null, "The value to write.")),
  DEFAULT("default", "Leaves the column out of the COPY, so the target fills in the column's default.", false),
  HASH("hash", "Replaces the value with a salted hash of its text form; equal inputs give equal outputs, "
      + "so joins on hashed columns still match. Needs the top-level `salt`.", true,
      Option.integer("length", false, null, 1, 128, "Characters of the encoded hash to keep (default: all of them)."),
      Option.choice("encoding", "hex", List.of("hex", "base64"), "How the hash bytes are written as text.")),
  FAKE("fake", "A realistic fake value of a `kind`, from Datafaker; the same input gives the same fake. On a unique "
      + "column text kinds carry a 13-character keyed tag so values stay distinct.", false,
      Option.choice("kind", null, List.of("first_name", "last_name", "full_name", "email", "username", "phone",
          "street_address", "city", "postcode", "country", "company", "job_title", "iban", "credit_card", "ipv4", "ipv6",
          "mac", "url", "uuid", "words", "sentence", "paragraph"), "What to fake.").asRequired(),
      Option.string("locale", false, "en", "Language and country of names, addresses and phones, e.g. `de-DE`."),
      Option.choice("format", "e164", List.of("e164", "national"), "Phones: `+4930123456` or the national form."),
      Option.string("domain", false, null, "E-mail: this domain instead of fake ones, e.g. `example.com`."),
      Option.integer("count", false, 3, 1, 100, "Words: how many.")),
  MASK("mask", "Replaces every character but the first and last few with a mask character.", false,
      Option.integer("keep_first", false, 0, 0, 1000, "Characters kept at the start."),
      Option.integer("keep_last", false, 0, 0, 1000, "Characters kept at the end."),
      Option.string("char", false, "*", "The mask character.")),
  REGEX_REPLACE("regex_replace", "Replaces every match of a Java regular expression.", false,
      Option.string("pattern", true, null, "The regular expression."),
      Option.string("replacement", false, "", "The replacement; `$1` inserts a group.")),
  TEMPLATE("template", "Text built from other columns of the same row: `{old.col}` before, `{new.col}` after their "
      + "own rules, `{value}` this column, `{tag}` 13 keyed characters of it.", false,
      Option.string("template", true, null, "The text with placeholders.")),
  CHOICE("choice", "One of a list of values (or the lines of a dictionary file), picked by the value's seed.", false,
      Option.list("values", "The values to pick from."),
      Option.string("dictionary", false, null, "A UTF-8 file with one value per line (`#` lines are comments).")),
  TRUNCATE("truncate", "Keeps at most `length` characters.", false,
      Option.integer("length", true, null, 1, 1_000_000, "Characters to keep.")),
  SHUFFLE("shuffle", "Permutes the column's values among the table's rows, in the source's SELECT.", false),
  NOISE("noise", "Adds a seeded offset to a number: `relative` (0.1 = ±10 %) or `absolute`; integers stay integers, "
      + "numerics keep their scale.", false,
      Option.number("relative", "A fraction of the value."),
      Option.number("absolute", "An amount.")),
  DATE_SHIFT("date_shift", "Moves dates and timestamps by a seeded number of days (never 0), keeping the time of day.",
      false,
      Option.integer("days", false, 30, 1, 36500, "Largest shift, in days either way."),
      Option.bool("keep_weekday", false, "Shift by whole weeks."),
      Option.bool("keep_month", false, "Stay within the same month.")),
  GENERALIZE("generalize", "Rounds numbers down to a `bucket`, or dates down to a `unit`.", false,
      Option.number("bucket", "Numbers: the bucket size, e.g. 10."),
      Option.choice("unit", null, List.of("day", "month", "year"), "Dates: the unit (default `month`).")),
  RANDOM_INT("random_int", "A seeded integer in `[min, max]`.", false,
      Option.integer("min", true, null, Integer.MIN_VALUE, Integer.MAX_VALUE, "Smallest value."),
      Option.integer("max", true, null, Integer.MIN_VALUE, Integer.MAX_VALUE, "Largest value.")),
  RANDOM_DATE("random_date", "A seeded date in `[from, to]`; timestamps keep their time of day.", false,
      Option.string("from", true, null, "First date, ISO (`1950-01-01`)."),
      Option.string("to", true, null, "Last date, ISO.")),
  PERMUTE("permute", "A keyed bijection (Feistel network): integers to integers with as many digits, or the digits "
      + "inside text; distinct stays distinct, so it suits keys.", false),
  JSON("json", "Rules on paths inside json/jsonb: `$.email`, `$.items[*].phone`, each with any transformer.", false,
      Option.map("paths", "Path to transformer (a name or a mapping with `type`).")),
  SQL("sql", "An SQL expression the source evaluates in the COPY's SELECT, so the clear value never leaves it; "
      + "checked with JSqlParser when the pipeline is read.", false,
      Option.string("expression", true, null, "The expression, over the row's columns."));

  /** The type of an option's value; {@link #describe} is what docs and messages say. */
  public enum OptionType {
    STRING,
    INTEGER,
    NUMBER,
    BOOLEAN,
    CHOICE,
    LIST,
    MAP
  }

  /** One option of a transformer, e.g. {@code length} of {@code hash}. */
  public record Option(String name, OptionType type, boolean required, Object defaultValue, int min, int max,
      List<String> choices, String description) {
    static Option string(String name, boolean required, String defaultValue, String description) {
      return new Option(name, OptionType.STRING, required, defaultValue, 0, 0, List.of(), description);
    }

    static Option integer(String name, boolean required, Integer defaultValue, int min, int max, String description) {
      return new Option(name, OptionType.INTEGER, required, defaultValue, min, max, List.of(), description);
    }

    static Option choice(String name, String defaultValue, List<String> choices, String description) {
      return new Option(name, OptionType.CHOICE, false, defaultValue, 0, 0, List.copyOf(choices), description);
    }

    static Option number(String name, String description) {
      return new Option(name, OptionType.NUMBER, false, null, 0, 0, List.of(), description);
    }

    static Option bool(String name, boolean defaultValue, String description) {
      return new Option(name, OptionType.BOOLEAN, false, defaultValue, 0, 0, List.of(), description);
    }

    static Option list(String name, String description) {
      return new Option(name, OptionType.LIST, false, null, 0, 0, List.of(), description);
    }

    static Option map(String name, String description) {
      return new Option(name, OptionType.MAP, true, null, 0, 0, List.of(), description);
    }

    Option asRequired() {
      return new Option(name, type, true, defaultValue, min, max, choices, description);
    }

    /** The accepted values in words, for messages and docs. */
    public String describe() {
      return switch (type) {
        case STRING -> "a string";
        case INTEGER -> "an integer from " + min + " to " + max;
        case NUMBER -> "a number";
        case BOOLEAN -> "true or false";
        case CHOICE -> "one of " + String.join(", ", choices);
        case LIST -> "a list of strings";
        case MAP -> "a mapping";
      };
    }
  }

  private final String key;
  private final String description;
  private final boolean needsSalt;
  private final List<Option> options;

  TransformerCatalog(String key, String description, boolean needsSalt, Option... options) {
    this.key = key;
    this.description = description;
    this.needsSalt = needsSalt;
    this.options = List.of(options);
  }

  public String key() {
    return key;
  }

  public String description() {
    return description;
  }

  public boolean needsSalt() {
    return needsSalt;
  }

  public List<Option> options() {
    return options;
  }

  public Optional<Option> option(String name) {
    return options.stream().filter(o -> o.name().equals(name)).findFirst();
  }

  public static Optional<TransformerCatalog> byKey(String key) {
    return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
  }

  /** Names in alphabetical order, as listed in "known: ..." messages. */
  public static List<String> keys() {
    return Arrays.stream(values()).map(TransformerCatalog::key).sorted().toList();
  }
}
