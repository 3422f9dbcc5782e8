package io.pgferry.schemadiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies a column type change: whether {@code USING col::new} can fail or silently lose data (then the
 * user must consent), and whether PostgreSQL rewrites the table for it.
 */
final class TypeChange {
  private static final Pattern TYPE = Pattern.compile("^(.*?)(?:\\((\\d+)(?:,\\s*(\\d+))?\\))?(\\[\\])?$");
  private static final Map<String, Integer> INT_RANK = Map.of("smallint", 1, "integer", 2, "bigint", 3);
  private static final Map<String, Integer> INT_DIGITS = Map.of("smallint", 5, "integer", 10, "bigint", 19);
  private static final List<String> STRINGS = List.of("character varying", "text", "character");

  private TypeChange() {}

  private record Parsed(String base, Integer p, Integer s, boolean array) {}

  private static Parsed parse(String type) {
    Matcher m = TYPE.matcher(type.strip());
    if (!m.matches()) {
      return new Parsed(type, null, null, false);
    }
    return new Parsed(m.group(1).strip(), m.group(2) == null ? null : Integer.valueOf(m.group(2)),
        m.group(3) == null ? null : Integer.valueOf(m.group(3)), m.group(4) != null);
  }

  static List<Hazard> hazards(String id, String from, String to) {
    Parsed a = parse(from);
    Parsed b = parse(to);
    List<Hazard> out = new ArrayList<>();
    String what = from + " -> " + to;
    boolean noRewrite = false;
    if (a.array != b.array) {
      out.add(Hazard.consent(Hazard.Kind.MAY_FAIL, id, what + ": the cast may fail"));
    } else if (b.base.equals("text") && STRINGS.contains(a.base) && !a.base.equals("character")) {
      noRewrite = true;
    } else if (b.base.equals("text")) {
      // every type casts to text without loss
    } else if (a.base.equals(b.base) && (a.base.equals("character varying") || a.base.equals("character") || a.base.equals("bit varying"))) {
      if (b.p != null && (a.p == null || b.p < a.p)) {
        out.add(Hazard.consent(Hazard.Kind.DATA_LOSS, id, what + ": longer values are truncated by the cast"));
      } else {
        noRewrite = a.base.equals("character varying") || a.base.equals("bit varying");
      }
    } else if (a.base.equals("text") && b.base.equals("character varying")) {
      if (b.p != null) {
        out.add(Hazard.consent(Hazard.Kind.DATA_LOSS, id, what + ": longer values are truncated by the cast"));
      } else {
        noRewrite = true;
      }
    } else if (INT_RANK.containsKey(a.base) && INT_RANK.containsKey(b.base)) {
      if (INT_RANK.get(b.base) < INT_RANK.get(a.base)) {
        out.add(Hazard.consent(Hazard.Kind.MAY_FAIL, id, what + ": values out of range make the cast fail"));
      }
    } else if (a.base.equals("numeric") && b.base.equals("numeric")) {
      if (b.p != null && (a.p == null || scale(b) < scale(a) || b.p - scale(b) < a.p - scale(a))) {
        out.add(Hazard.consent(Hazard.Kind.DATA_LOSS, id, what + ": digits are rounded away or the cast fails on overflow"));
      } else {
        noRewrite = scale(b) == scale(a) || b.p == null;
      }
    } else if (INT_RANK.containsKey(a.base) && b.base.equals("numeric")) {
      if (b.p != null && (scale(b) > 0 || b.p - scale(b) < INT_DIGITS.get(a.base))) {
        out.add(Hazard.consent(Hazard.Kind.MAY_FAIL, id, what + ": large values overflow the new precision"));
      }
    } else if (a.base.equals("real") && b.base.equals("double precision")) {
      // widening
    } else if (a.base.startsWith("timestamp") && b.base.startsWith("timestamp")) {
      out.add(Hazard.of(Hazard.Kind.MAY_FAIL, id, what + ": values are reinterpreted in the session time zone"));
    } else {
      out.add(Hazard.consent(Hazard.Kind.MAY_FAIL, id, what + ": the cast may fail or change values"));
    }
    if (!noRewrite) {
      out.add(Hazard.of(Hazard.Kind.TABLE_REWRITE, id, what + ": the table is rewritten"));
      out.add(Hazard.of(Hazard.Kind.ACCESS_EXCLUSIVE_LOCK, id, "the table is locked against reads and writes during the rewrite"));
    }
    return out;
  }

  private static int scale(Parsed p) {
    return p.s == null ? 0 : p.s;
  }
}
