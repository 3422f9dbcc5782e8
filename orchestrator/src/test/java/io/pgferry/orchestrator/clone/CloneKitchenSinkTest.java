package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.CatalogSnapshot;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.RoutineSnapshot;
import io.pgferry.testkit.SecuritySnapshot;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A clone of every object kind, compared with snapshots built only from PostgreSQL's own catalog
 * functions (testkit), never from pgferry's extractor.
 */
class CloneKitchenSinkTest {
  private static TestDatabase source;
  private static TestDatabase target;

  @BeforeAll
  static void cloneOnce() {
    source = TestDatabase.create(PostgresServers.source(), "sink_src")
        .executeResource("/io/pgferry/testkit/types-prelude.sql")
        .executeResource("/io/pgferry/testkit/types.sql")
        .executeResource("/io/pgferry/testkit/kitchen-sink.sql");
    target = TestDatabase.create(PostgresServers.target(), "sink_dst");
    new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target));
  }

  @AfterAll
  static void drop() {
    source.close();
    target.close();
  }

  @Test
  void clone_kitchenSink_typesCollationsExtensionsEqual() {
    assertThat(CatalogSnapshot.extensions(target)).isEqualTo(CatalogSnapshot.extensions(source));
    assertThat(CatalogSnapshot.collations(target)).isEqualTo(CatalogSnapshot.collations(source));
    assertThat(CatalogSnapshot.domains(target)).isEqualTo(CatalogSnapshot.domains(source));
    assertThat(CatalogSnapshot.composites(target)).isEqualTo(CatalogSnapshot.composites(source));
    assertThat(CatalogSnapshot.ranges(target)).isEqualTo(CatalogSnapshot.ranges(source));
  }

  @Test
  void clone_kitchenSink_routinesAggregatesTriggersEqual() {
    assertThat(RoutineSnapshot.of(target)).isEqualTo(RoutineSnapshot.of(source));
  }

  @Test
  void clone_kitchenSink_rowSecurityPoliciesCommentsEqual() {
    for (String part : List.of("row security", "policies", "comments")) {
      assertThat(SecuritySnapshot.part(target, part)).as(part).isEqualTo(SecuritySnapshot.part(source, part));
    }
  }

  @Test
  void clone_kitchenSink_tablesConstraintsIndexesViewsEqual() {
    String relations = """
        SELECT n.nspname, c.relname, c.relkind, c.relpersistence, coalesce(c.reloptions::text, ''), c.relispopulated,
               CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END,
               (SELECT string_agg(format('%s %s %s %s %s %s %s', a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   a.attidentity, a.attgenerated, a.attstattarget, a.attstorage), ', ' ORDER BY a.attnum)
                FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
               (SELECT string_agg(pg_get_expr(d.adbin, d.adrelid), ', ' ORDER BY d.adnum) FROM pg_attrdef d WHERE d.adrelid = c.oid),
               (SELECT string_agg(co.conname || ' ' || pg_get_constraintdef(co.oid) || ' ' || co.convalidated, '; ' ORDER BY co.conname)
                FROM pg_constraint co WHERE co.conrelid = c.oid),
               (SELECT string_agg(pg_get_indexdef(i.indexrelid), '; ' ORDER BY pg_get_indexdef(i.indexrelid)) FROM pg_index i WHERE i.indrelid = c.oid)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('app', 'select', 'Ty "pes" ☺', 'Ext Home') AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
        ORDER BY 1, 2""";
    assertThat(target.query(relations)).isEqualTo(source.query(relations));
  }

  @Test
  void clone_kitchenSink_rowsAndMaterializedViewDataEqual() {
    for (String t : TableDigest.userTables(source)) {
      assertThat(TableDigest.of(target, t)).as(t).isEqualTo(TableDigest.of(source, t));
    }
    assertThat(TableDigest.of(target, "app.daily")).isEqualTo(TableDigest.of(source, "app.daily"));
    assertThat(target.scalar("SELECT app.account_count()")).isEqualTo("300");
    assertThat(target.scalar("SELECT nextval('app.code_seq')")).isEqualTo(
        String.valueOf(Long.parseLong(source.scalar("SELECT last_value FROM app.code_seq")) + 3));
  }
}
