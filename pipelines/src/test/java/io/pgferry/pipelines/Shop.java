package io.pgferry.pipelines;

import io.pgferry.orchestrator.anonymize.TransformRule;
import io.pgferry.orchestrator.pipeline.Pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The demo shop as a test source, and server-side checks of a clone of it that trust no pgferry code:
 * row fingerprints, column values, constraint and index names, all read with plain SQL.
 */
final class Shop {
  private Shop() {}

  /** A table by its stored names. */
  record Rel(String schema, String name) {
    String quoted() {
      return ident(schema) + "." + ident(name);
    }

    @Override
    public String toString() {
      return schema + "." + name;
    }
  }

  /** A fresh database on the source server holding the demo shop. */
  static TestDatabase create() {
    TestDatabase db = TestDatabase.create(PostgresServers.source(), "shop");
    // One multi-statement execute, as `pgferry demo` runs it.
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(TestDatabase.resource("/io/pgferry/demo/shop.sql"));
    } catch (SQLException e) {
      db.close();
      throw new IllegalStateException("could not create the shop: " + e.getMessage(), e);
    }
    return db;
  }

  static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** Ordinary tables of the given schemas, sorted. */
  static List<Rel> tables(TestDatabase db, String... schemas) {
    return db.query("SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (ARRAY[" + String.join(", ", List.of(schemas).stream().map(Shop::literal)
        .toList()) + "]::text[]) ORDER BY 1, 2").stream().map(r -> new Rel(r.get(0), r.get(1))).toList();
  }

  static List<String> columns(TestDatabase db, Rel t) {
    return db.query("SELECT attname FROM pg_attribute WHERE attrelid = " + literal(t.quoted()) + "::regclass AND attnum > 0"
        + " AND NOT attisdropped ORDER BY attnum").stream().map(r -> r.get(0)).toList();
  }

  /** Row count and md5 of the sorted row texts of some columns, optionally of the rows matching a condition. */
  static String digest(TestDatabase db, Rel t, List<String> columns, String where) {
    String row = columns.isEmpty() ? "''" : "row(" + String.join(", ", columns.stream().map(c -> "x." + ident(c)).toList()) + ")::text";
    return db.scalar("SELECT count(*) || ' rows, md5 ' || md5(coalesce(string_agg(" + row + ", E'\\n' ORDER BY " + row
        + " COLLATE \"C\"), '')) FROM ONLY " + t.quoted() + " x" + (where == null ? "" : " WHERE " + where));
  }

  static long count(TestDatabase db, Rel t, String where) {
    return Long.parseLong(db.scalar("SELECT count(*) FROM ONLY " + t.quoted() + (where == null ? "" : " WHERE " + where)));
  }

  static List<String> values(TestDatabase db, Rel t, String column, String where) {
    // ctid order is the COPY order in the source and the insertion order in the target, so rows line up
    return db.query("SELECT " + ident(column) + " FROM ONLY " + t.quoted() + (where == null ? "" : " WHERE " + where) + " ORDER BY ctid").stream()
        .map(r -> r.get(0)).toList();
  }

  static boolean exists(TestDatabase db, Rel t) {
    return "t".equals(db.scalar("SELECT to_regclass(" + literal(t.quoted()) + ") IS NOT NULL"));
  }

  /** Whether a table pattern of a pipeline ({@code tables} or {@code transforms} key) names this table. */
  static boolean matches(String pattern, Rel t) {
    return Pipeline.builder(io.pgferry.orchestrator.connect.ConnectionInput.empty(), io.pgferry.orchestrator.connect.ConnectionInput.empty())
        .include(List.of(pattern)).jobs(1).phases(Set.of()).build().selects(t.schema(), t.name());
  }

  /** The pipeline's row filter for a source table, or null. */
  static String where(Pipeline p, Rel t) {
    if (p.subset() != null) {
      // the rows a subset keeps, written out in plain SQL for the one subset the examples use (subset.yaml)
      assertThat(p.subset().start().keySet()).as("the subset start the expected rows are written for")
          .containsExactly(io.pgferry.extractor.QualifiedName.of("public", "customers"));
      return SUBSET_ROWS.get(t.name());
    }
    return p.tables().entrySet().stream().filter(e -> matches(e.getKey(), t)).map(e -> e.getValue().where())
        .filter(Objects::nonNull).findFirst().orElse(null);
  }

  private static final String KEPT_ORDERS = "SELECT id FROM public.orders WHERE customer_id % 50 = 1";

  /** subset.yaml's rows per table: the start customers, what belongs to them, the products their items name. */
  static final Map<String, String> SUBSET_ROWS = Map.of(
      "customers", "id % 50 = 1",
      "orders", "customer_id % 50 = 1",
      "order_items", "order_id IN (" + KEPT_ORDERS + ")",
      "products", "id IN (SELECT product_id FROM public.order_items WHERE order_id IN (" + KEPT_ORDERS + "))",
      "Customer Notes", "\"Customer ID\" % 50 = 1");

  /** The pipeline's transforms of a source table's columns, first rule per column. */
  static List<TransformRule> transforms(Pipeline p, Rel t) {
    Set<String> seen = new HashSet<>();
    return p.transforms().stream().filter(r -> matches(r.tableOrPattern(), t) && seen.add(r.column())).toList();
  }

  /**
   * Constraints ({@code name type}) and indexes ({@code index name}) of a table, leaving out foreign keys to
   * tables {@code keep} rejects (a clone leaves those out), and every constraint the clone must have validated.
   */
  static List<String> sealObjects(TestDatabase db, Rel t, java.util.function.Predicate<Rel> keep) {
    List<String> out = new ArrayList<>();
    for (List<String> r : db.query("SELECT co.conname, co.contype, rn.nspname, rc.relname, co.convalidated FROM pg_constraint co"
        + " LEFT JOIN pg_class rc ON rc.oid = co.confrelid LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace"
        + " WHERE co.conrelid = " + literal(t.quoted()) + "::regclass AND co.contype IN ('p', 'u', 'c', 'f', 'x') ORDER BY 1")) {
      if (r.get(1).equals("f") && !keep.test(new Rel(r.get(2), r.get(3)))) {
        continue;
      }
      out.add(r.get(0) + " " + r.get(1) + ("t".equals(r.get(4)) ? "" : " NOT VALID"));
    }
    db.query("SELECT indexname FROM pg_indexes WHERE schemaname = " + literal(t.schema()) + " AND tablename = "
        + literal(t.name()) + " ORDER BY 1").forEach(r -> out.add("index " + r.get(0)));
    return out;
  }

  /** Constraints and indexes of every table in a schema (what the seal phase adds), as their count. */
  static long sealObjectCount(TestDatabase db, String schema) {
    return Long.parseLong(db.scalar("SELECT (SELECT count(*) FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace"
        + " WHERE n.nspname = " + literal(schema) + " AND co.contype IN ('p', 'u', 'c', 'f', 'x'))"
        + " + (SELECT count(*) FROM pg_indexes WHERE schemaname = " + literal(schema) + ")"));
  }

  /** Asserts one transformed column: changed as its transformer says, over exactly the copied rows. */
  static void assertTransformed(TransformRule rule, TestDatabase source, Rel from, String where, TestDatabase target, Rel to) {
    String what = to + "." + rule.column() + " (" + rule.transformer() + ")";
    List<String> before = values(source, from, rule.column(), where);
    List<String> after = values(target, to, rule.column(), null);
    assertThat(after).as(what + ": rows").hasSameSizeAs(before);
    switch (rule.transformer()) {
      case "set_null" -> {
        assertThat(before).as(what + ": source has values to remove").anyMatch(Objects::nonNull);
        assertThat(after).as(what).allMatch(Objects::isNull);
      }
      case "constant" -> {
        Object value = rule.options().get("value");
        assertThat(before).as(what + ": source differs from the constant").anyMatch(v -> !Objects.equals(v, value));
        assertThat(after).as(what).allMatch(v -> Objects.equals(v, value));
      }
      case "hash" -> {
        Set<String> original = new HashSet<>(before);
        assertThat(after).as(what + ": no original value survives").noneMatch(v -> v != null && original.contains(v));
        assertThat(new HashSet<>(after)).as(what + ": distinct values stay distinct").hasSameSizeAs(original);
        Object length = rule.options().get("length");
        if (length != null) {
          assertThat(after).as(what + ": length").allMatch(v -> v == null || v.length() == ((Number) length).intValue());
        }
      }
      case "fake", "json" -> {
        for (int i = 0; i < before.size(); i++) {
          assertThat(after.get(i) == null).as(what + ": NULL stays NULL").isEqualTo(before.get(i) == null);
        }
        Set<String> original = new HashSet<>(before);
        assertThat(after).as(what + ": no original value survives").noneMatch(v -> v != null && original.contains(v));
      }
      case "date_shift" -> {
        // keep_month in the examples: the same year and month, another day
        for (int i = 0; i < before.size(); i++) {
          String b = before.get(i);
          String a = after.get(i);
          assertThat(a == null).as(what + ": NULL stays NULL").isEqualTo(b == null);
          if (b != null) {
            assertThat(a).as(what).isNotEqualTo(b).startsWith(b.substring(0, 7));
          }
        }
      }
      case "mask" -> {
        Object keep = rule.options().get("keep_first");
        int n = keep == null ? 0 : ((Number) keep).intValue();
        for (int i = 0; i < before.size(); i++) {
          String b = before.get(i);
          String a = after.get(i);
          if (b == null) {
            assertThat(a).as(what).isNull();
          } else {
            assertThat(a).as(what).hasSize(b.length()).startsWith(b.substring(0, Math.min(n, b.length())));
          }
        }
      }
      default -> throw new AssertionError("no check for transformer " + rule.transformer() + "; add one to Shop.assertTransformed");
    }
  }
}
