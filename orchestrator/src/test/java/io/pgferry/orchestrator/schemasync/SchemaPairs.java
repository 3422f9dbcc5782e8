package io.pgferry.orchestrator.schemasync;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.Sql;
import io.pgferry.schemadiff.DiffOptions;
import io.pgferry.testkit.SchemaSnapshot;
import io.pgferry.testkit.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One (old, new) schema pair applied through {@link SchemaSyncRunner} and checked for the three promises:
 * the target's server-printed snapshot equals the source's, a second diff is empty, and kept rows are
 * unchanged while dropped data sits in backups.
 */
final class SchemaPairs {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
  static final String STAMP = "20260102030405";

  private SchemaPairs() {}

  /** The pair files of the corpus, from the testkit index. */
  static List<String> corpus() {
    return TestDatabase.resource("/io/pgferry/testkit/schemadiff/index.txt").lines().filter(l -> !l.isBlank()).toList();
  }

  static String[] split(String file) {
    String text = TestDatabase.resource("/io/pgferry/testkit/schemadiff/" + file);
    int oldAt = text.indexOf("\n-- old\n");
    int newAt = text.indexOf("\n-- new\n");
    return new String[] {text.substring(oldAt + 8, newAt), text.substring(newAt + 8)};
  }

  static void load(TestDatabase db, String schema, String sql) {
    db.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.ident(schema) + "; SET search_path = " + Sql.ident(schema) + ", public;\n" + sql);
  }

  /** Table name → rows of the columns that keep their name and type; computed before the sync. */
  /** Table → the columns that keep their name and type (the ones whose values must not change). */
  static Map<String, List<String>> keptColumns(TestDatabase source, String sourceSchema, TestDatabase target, String targetSchema) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (List<String> t : target.query("SELECT c.relname FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = "
        + Sql.literal(Sql.ident(targetSchema)) + "::regnamespace ORDER BY 1")) {
      List<String> cols = new ArrayList<>();
      for (List<String> col : columns(target, targetSchema, t.get(0))) {
        if (columns(source, sourceSchema, t.get(0)).contains(col)) {
          cols.add(Sql.ident(col.get(0)));
        }
      }
      out.put(t.get(0), cols);
    }
    return out;
  }

  static List<String> rows(TestDatabase target, String targetSchema, String table, List<String> cols) {
    return SchemaSnapshot.rows(target, Sql.qualified(targetSchema, table), cols);
  }

  private static List<List<String>> columns(TestDatabase db, String schema, String table) {
    return db.query("SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
        + " WHERE c.relnamespace = " + Sql.literal(Sql.ident(schema)) + "::regnamespace AND c.relname = " + Sql.literal(table)
        + " AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum");
  }

  static Map<String, List<String>> snapshot(TestDatabase db, String schema) {
    Map<String, List<String>> raw = new LinkedHashMap<>(SchemaSnapshot.of(db, schema));
    // column privileges, which the schema snapshot leaves out (a schema-sync must get them right too)
    raw.put("column grants", db.query("SELECT c.relname || '.' || a.attname || ' | ' || a.attacl::text FROM pg_attribute a"
        + " JOIN pg_class c ON c.oid = a.attrelid WHERE c.relnamespace = " + Sql.literal(Sql.ident(schema)) + "::regnamespace"
        + " AND a.attacl IS NOT NULL AND a.attnum > 0 AND c.relname !~ '^bak_|_dropped_' ORDER BY 1").stream().map(r -> r.get(0)).toList());
    // the physical column order of plain tables, which the pairs' sync (all hazards allowed) rebuilds to the source's
    raw.put("column order", db.query("SELECT c.relname || ': ' || string_agg(a.attname, ', ' ORDER BY a.attnum) FROM pg_class c"
        + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped WHERE c.relkind = 'r' AND NOT c.relispartition"
        + " AND c.relnamespace = " + Sql.literal(Sql.ident(schema)) + "::regnamespace AND c.relname !~ '^bak_|_dropped_'"
        + " AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE c.oid IN (i.inhrelid, i.inhparent)) GROUP BY c.relname ORDER BY 1")
        .stream().map(r -> r.get(0)).toList());
    // whether an inherited column is also the child's own (pg_dump lists it in the child's CREATE TABLE then)
    raw.put("inherited columns", db.query("SELECT c.relname || '.' || a.attname || ' local=' || a.attislocal || ' from=' || a.attinhcount"
        + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE a.attinhcount > 0 AND NOT a.attisdropped AND c.relkind = 'r'"
        + " AND c.relnamespace = " + Sql.literal(Sql.ident(schema)) + "::regnamespace AND c.relname !~ '^bak_|_dropped_' ORDER BY 1")
        .stream().map(r -> r.get(0)).toList());
    Map<String, List<String>> out = new LinkedHashMap<>();
    raw.forEach((k, rows) -> out.put(k, rows.stream().map(r -> r.replace(Sql.ident(schema) + ".", "S.").replace(schema + ".", "S.")).toList()));
    return out;
  }

  static SchemaSyncOptions options(TestDatabase source, String sourceSchema, TestDatabase target, String targetSchema) {
    return SchemaSyncOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withSchemas(sourceSchema, targetSchema)
        .withPreserve(DiffOptions.Preserve.BACKUP).withAllowHazards(Set.of("all")).withClock(CLOCK);
  }

  /** Runs one pair and asserts the three properties. */
  static SchemaSyncReport check(String pairName, String oldSql, String newSql, TestDatabase source, String sourceSchema, TestDatabase target,
      String targetSchema) {
    load(target, targetSchema, oldSql);
    load(source, sourceSchema, newSql);
    Map<String, List<String>> kept = keptColumns(source, sourceSchema, target, targetSchema);
    Map<String, List<String>> before = new LinkedHashMap<>();
    kept.forEach((t, cols) -> before.put(t, rows(target, targetSchema, t, cols)));
    Map<String, Long> counts = new LinkedHashMap<>();
    before.forEach((t, rows) -> counts.put(t, (long) rows.size()));
    SchemaSyncRunner runner = new SchemaSyncRunner(RunListener.SILENT);
    SchemaSyncReport report = runner.run(options(source, sourceSchema, target, targetSchema));
    assertThat(snapshot(target, targetSchema)).as("%s: target snapshot equals source's; script:%n%s", pairName, report.script())
        .isEqualTo(snapshot(source, sourceSchema));
    SchemaSyncReport again = runner.diff(options(source, sourceSchema, target, targetSchema));
    assertThat(again.identical()).as("%s: second diff is empty, but:%n%s%nfirst script:%n%s", pairName, again.script(), report.script()).isTrue();
    Map<String, List<String>> after = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : before.entrySet()) {
      String table = e.getKey();
      boolean stays = !target.query("SELECT 1 FROM pg_class WHERE relname = " + Sql.literal(table) + " AND relkind IN ('r', 'p') AND relnamespace = "
          + Sql.literal(Sql.ident(targetSchema)) + "::regnamespace").isEmpty() && source.query("SELECT 1 FROM pg_class WHERE relname = "
          + Sql.literal(table) + " AND relnamespace = " + Sql.literal(Sql.ident(sourceSchema)) + "::regnamespace AND relkind IN ('r', 'p')").size() == 1
          && target.query("SELECT 1 FROM pg_class WHERE relname = " + Sql.literal("bak_" + table + "_" + STAMP)).isEmpty();
      if (stays) {
        after.put(table, rows(target, targetSchema, table, kept.get(table)));
      } else {
        String bak = "bak_" + table + "_" + STAMP;
        assertThat(target.scalar("SELECT count(*) FROM " + Sql.qualified(targetSchema, bak))).as("%s: rows of dropped %s kept in %s", pairName,
            table, bak).isEqualTo(String.valueOf(counts.get(table)));
        after.put(table, e.getValue());
      }
    }
    assertThat(after).as("%s: rows of kept tables and columns", pairName).isEqualTo(before);
    for (List<String> bak : target.query("SELECT c.relname FROM pg_class c WHERE c.relkind = 'r' AND c.relname LIKE 'bak\\_%' AND c.relnamespace = "
        + Sql.literal(Sql.ident(targetSchema)) + "::regnamespace")) {
      String orig = bak.get(0).substring(4, bak.get(0).length() - STAMP.length() - 1);
      Long n = counts.entrySet().stream().filter(x -> orig.equals(x.getKey()) || orig.startsWith(x.getKey() + "_"))
          .map(Map.Entry::getValue).findFirst().orElse(null);
      assertThat(n).as("%s: backup %s belongs to a table of the target", pairName, bak.get(0)).isNotNull();
      assertThat(target.scalar("SELECT count(*) FROM " + Sql.qualified(targetSchema, bak.get(0)))).as("%s: rows in %s", pairName, bak.get(0))
          .isEqualTo(String.valueOf(n));
    }
    return report;
  }
}
