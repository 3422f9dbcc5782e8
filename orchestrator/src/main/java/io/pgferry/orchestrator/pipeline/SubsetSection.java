package io.pgferry.orchestrator.pipeline;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.orchestrator.Identifiers;
import io.pgferry.orchestrator.subset.SubsetSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads a pipeline's {@code subset:} section into a {@link SubsetSpec}; every problem names file:line:column. */
final class SubsetSection {
  private SubsetSection() {}

  /** A table and a column list as written: {@code shop.audit_log(customer_ref)}. */
  record Columns(QualifiedName table, List<String> columns) {}

  static SubsetSpec read(YamlNode node, SourceText source) {
    YamlNode.Mapping m = Fields.mapping("'subset'", node);
    Fields.checkKeys(m, SubsetKey.values(), "'subset'");
    Map<QualifiedName, SubsetSpec.Start> start = new LinkedHashMap<>();
    boolean children = true;
    SubsetSpec.Others others = SubsetSpec.Others.ALL;
    List<SubsetSpec.VirtualKey> virtual = new ArrayList<>();
    Set<String> skip = new LinkedHashSet<>();
    boolean hasStart = false;
    long memory = SubsetSpec.DEFAULT_MEMORY;
    for (YamlNode.Entry e : m.entries()) {
      YamlNode v = e.value();
      switch (SubsetKey.valueOf(e.key().toUpperCase(Locale.ROOT))) {
        case START -> {
          hasStart = true;
          for (YamlNode.Entry t : Fields.mapping("'start' of 'subset'", v).entries()) {
            QualifiedName table = table(t.key(), t.keyWhere(), "'start' of 'subset'");
            if (start.put(table, start(t, source)) != null) {
              throw ConfigErrors.at(t.keyWhere(), "start table '" + t.key() + "' is given twice");
            }
          }
        }
        case CHILDREN -> children = Fields.bool("'children' of 'subset'", v);
        case OTHERS -> {
          String text = Fields.string("'others' of 'subset'", v).strip().toLowerCase(Locale.ROOT).replace('_', ' ');
          others = switch (text) {
            case "all" -> SubsetSpec.Others.ALL;
            case "none" -> SubsetSpec.Others.NONE;
            case "schema only" -> SubsetSpec.Others.SCHEMA_ONLY;
            default -> throw ConfigErrors.unknownOf(v.where(), "others", text, List.of("all", "none", "schema only"));
          };
        }
        case VIRTUAL_FOREIGN_KEYS -> {
          if (!(v instanceof YamlNode.Sequence seq)) {
            throw Fields.mismatch("'virtual_foreign_keys' of 'subset'", "a list of {from: …, to: …}", v);
          }
          for (YamlNode item : seq.items()) {
            YamlNode.Mapping fk = Fields.mapping("a virtual foreign key", item);
            YamlNode from = null;
            YamlNode to = null;
            for (YamlNode.Entry x : fk.entries()) {
              switch (x.key()) {
                case "from" -> from = x.value();
                case "to" -> to = x.value();
                default -> throw ConfigErrors.unknown(x.keyWhere(), "key of a virtual foreign key", x.key(), List.of("from", "to"));
              }
            }
            if (from == null || to == null) {
              throw ConfigErrors.at(fk.where(), "a virtual foreign key needs 'from' and 'to'",
                  "write { from: schema.table(column), to: schema.table(column) }");
            }
            Columns f = columns(from);
            Columns t = columns(to);
            if (f.columns().size() != t.columns().size()) {
              throw ConfigErrors.at(fk.where(), "a virtual foreign key needs as many columns in 'to' as in 'from'");
            }
            virtual.add(new SubsetSpec.VirtualKey(f.table(), f.columns(), t.table(), t.columns()));
          }
        }
        case MEMORY -> memory = size(v);
        case SKIP -> {
          for (Fields.Item item : Fields.stringList("'skip' of 'subset'", v)) {
            skip.add(edge(item));
          }
        }
      }
    }
    if (!hasStart || start.isEmpty()) {
      throw ConfigErrors.at(m.where(), "'subset' needs 'start': at least one table and its start rows",
          "e.g. start: { shop.customers: \"id % 100 = 0\" }");
    }
    return new SubsetSpec(start, children, others, virtual, skip, memory);
  }

  /** {@code 512MB}, {@code 2GB}, {@code 64kB}, {@code 0} or a number of bytes (binary units: 1MB = 1024 kB). */
  static long size(YamlNode v) {
    String text = Fields.string("'memory' of 'subset'", v).strip();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(\\d+)\\s*(b|kb|mb|gb|tb)?").matcher(text);
    if (!m.matches()) {
      throw ConfigErrors.at(v.where(), "'memory' of 'subset' expects a size such as 512MB, 2GB or 0, got '" + text + "'");
    }
    int shift = m.group(2) == null ? 0 : switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "kb" -> 10;
      case "mb" -> 20;
      case "gb" -> 30;
      case "tb" -> 40;
      default -> 0;
    };
    try {
      long n = Long.parseLong(m.group(1));
      if (n > (Long.MAX_VALUE >> shift)) {
        throw new NumberFormatException();
      }
      return n << shift;
    } catch (NumberFormatException e) {
      throw ConfigErrors.at(v.where(), "'memory' of 'subset' is too large: '" + text + "'");
    }
  }

  private static SubsetSpec.Start start(YamlNode.Entry t, SourceText source) {
    if (t.value() instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.STRING) {
      WhereValidator.validate(t.key(), s, source);
      return SubsetSpec.Start.where(s.text());
    }
    YamlNode.Mapping o = Fields.mapping("start table '" + t.key() + "'", t.value());
    Fields.checkKeys(o, SubsetStartKey.values(), "start table '" + t.key() + "'");
    String where = null;
    Long limit = null;
    Double percent = null;
    long seed = 0;
    for (YamlNode.Entry x : o.entries()) {
      YamlNode v = x.value();
      switch (SubsetStartKey.valueOf(x.key().toUpperCase(Locale.ROOT))) {
        case WHERE -> {
          if (!(v instanceof YamlNode.Scalar s) || s.kind() != YamlNode.Kind.STRING) {
            throw Fields.mismatch("'where' of start table '" + t.key() + "'", "an SQL condition string", v);
          }
          WhereValidator.validate(t.key(), s, source);
          where = s.text();
        }
        case LIMIT -> limit = (long) Fields.integer("'limit' of start table '" + t.key() + "'", v, 0, Integer.MAX_VALUE);
        case PERCENT -> percent = number("'percent' of start table '" + t.key() + "'", v);
        case SEED -> seed = Fields.integer("'seed' of start table '" + t.key() + "'", v, Integer.MIN_VALUE, Integer.MAX_VALUE);
      }
    }
    return new SubsetSpec.Start(where, limit, percent, seed);
  }

  private static double number(String name, YamlNode v) {
    if (v instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NUMBER) {
      try {
        double d = Double.parseDouble(s.text());
        if (d > 0 && d <= 100) {
          return d;
        }
      } catch (NumberFormatException e) {
        // the one message below
      }
    }
    throw Fields.mismatch(name, "a number greater than 0 and at most 100", v);
  }

  private static QualifiedName table(String text, Location where, String context) {
    List<Identifiers.Part> parts = Identifiers.split(text);
    if (parts == null || parts.size() != 2) {
      throw ConfigErrors.at(where, "'" + text + "' in " + context + " is not schema.table",
          "name the schema too, e.g. public." + text + "; quote names with dots or spaces");
    }
    return QualifiedName.of(parts.get(0).name(), parts.get(1).name());
  }

  /** {@code schema.table(a, "B c")}. */
  static Columns columns(YamlNode node) {
    return columns(Fields.string("a table and its columns", node).strip(), node.where());
  }

  private static Columns columns(String text, Location where) {
    int open = openParen(text);
    if (open < 0 || !text.endsWith(")")) {
      throw ConfigErrors.at(where, "'" + text + "' is not schema.table(column, …)", "e.g. shop.orders(customer_id)");
    }
    QualifiedName table = table(text.substring(0, open).strip(), where, "a virtual foreign key");
    List<String> columns = new ArrayList<>();
    for (String c : splitColumns(text.substring(open + 1, text.length() - 1))) {
      List<Identifiers.Part> p = Identifiers.split(c.strip());
      if (p == null || p.size() != 1) {
        throw ConfigErrors.at(where, "column '" + c.strip() + "' of '" + text + "' is not a column name");
      }
      columns.add(p.get(0).name());
    }
    return new Columns(table, columns);
  }

  /** A skip entry in the form the closure matches: {@code schema.table(a, b)} or {@code schema.table.constraint}. */
  private static String edge(Fields.Item item) {
    String text = item.text().strip();
    if (text.endsWith(")")) {
      Columns c = columns(text, item.where());
      return c.table() + "(" + String.join(", ", c.columns()) + ")";
    }
    List<Identifiers.Part> parts = Identifiers.split(text);
    if (parts == null || parts.size() != 3) {
      throw ConfigErrors.at(item.where(), "'" + text + "' in 'skip' is neither schema.table(column, …) nor schema.table.constraint");
    }
    return QualifiedName.of(parts.get(0).name(), parts.get(1).name()) + "." + parts.get(2).name();
  }

  private static int openParen(String text) {
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == '(' && !quoted) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> splitColumns(String text) {
    List<String> out = new ArrayList<>();
    boolean quoted = false;
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ',' && !quoted) {
        out.add(text.substring(from, i));
        from = i + 1;
      }
    }
    out.add(text.substring(from));
    return out;
  }
}
