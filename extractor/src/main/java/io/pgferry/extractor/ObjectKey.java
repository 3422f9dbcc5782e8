package io.pgferry.extractor;

import java.util.List;
import java.util.Objects;

/**
 * A catalog object's identity that is the same in every database: what
 * {@code pg_identify_object_as_address(classid, objid, 0)} returns (type, unquoted names, argument
 * types). Used to order DDL by {@code pg_depend} and to match objects between databases.
 *
 * @param type e.g. {@code table}, {@code view}, {@code type}, {@code function}, {@code trigger}
 * @param names unquoted name parts, e.g. {@code [public, orders]}, {@code [public, orders, trg]} for a trigger
 * @param args argument types of routines (as the server prints them), else empty
 */
public record ObjectKey(String type, List<String> names, List<String> args) implements Comparable<ObjectKey> {
  public ObjectKey {
    Objects.requireNonNull(type, "type");
    names = List.copyOf(type.equals("type") || type.equals("domain") ? splitTypeName(names) : names);
    args = List.copyOf(args);
  }

  /**
   * The server names types with one pre-quoted string ({@code "My Schema"."Mood"}) but relations with
   * separate parts; keys split types too, so a type and its uses compare equal however they were read.
   */
  private static List<String> splitTypeName(List<String> names) {
    if (names.size() != 1) {
      return names;
    }
    List<String> parts = new java.util.ArrayList<>();
    SqlLexer lx = new SqlLexer(names.get(0));
    StringBuilder rest = new StringBuilder();
    SqlLexer.Token t;
    while ((t = lx.next()) != null) {
      if (parts.size() < 2 && rest.isEmpty() && (t.kind() == SqlLexer.Kind.IDENT || t.kind() == SqlLexer.Kind.QUOTED_IDENT)) {
        parts.add(t.kind() == SqlLexer.Kind.QUOTED_IDENT ? t.name() : t.text());
      } else if (parts.size() == 1 && rest.isEmpty() && t.text().equals(".")) {
        continue;
      } else {
        rest.append(t.text());
      }
    }
    if (parts.size() != 2) {
      return names;
    }
    return List.of(parts.get(0), parts.get(1) + rest);
  }

  public static ObjectKey of(String type, QualifiedName name) {
    return new ObjectKey(type, List.of(name.schema(), name.name()), List.of());
  }

  /** The schema the object lives in, or null for database-wide objects (extensions, event triggers, casts). */
  public String schema() {
    return names.size() >= 2 ? names.get(schemaIndex()) : null;
  }

  /** The same object in another schema (the key it gets under a schema map). */
  public ObjectKey inSchema(String schema) {
    List<String> moved = new java.util.ArrayList<>(names);
    moved.set(schemaIndex(), schema);
    return new ObjectKey(type, moved, args);
  }

  /** Operator classes, families and their members are addressed by access method first, then schema. */
  private int schemaIndex() {
    return type.startsWith("operator class") || type.startsWith("operator family") || type.endsWith("of access method") ? 1 : 0;
  }

  @Override
  public int compareTo(ObjectKey o) {
    int c = String.join(".", names).compareTo(String.join(".", o.names));
    if (c == 0) {
      c = type.compareTo(o.type);
    }
    return c != 0 ? c : String.join(",", args).compareTo(String.join(",", o.args));
  }

  @Override
  public String toString() {
    return type + " " + String.join(".", names) + (args.isEmpty() && !type.contains("function") ? "" : "(" + String.join(", ", args) + ")");
  }
}
