package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The parallel seal (index builds during the load, one build per index, keys via {@code USING INDEX},
 * foreign keys {@code NOT VALID} + {@code VALIDATE}) ends with the same catalog as the single-transaction
 * seal, and a failure in it leaves the target as it was.
 */
class CloneParallelSealTest {
  /**
   * Every table, constraint and index of the user schemas, as PostgreSQL prints them. NOT NULL constraints
   * (catalogued from PostgreSQL 18 on) come from the base phase, not the seal, and are left out.
   */
  private static final String RELATIONS = """
      SELECT n.nspname, c.relname, c.relkind,
             (SELECT string_agg(co.conname || ' ' || pg_get_constraintdef(co.oid) || ' ' || co.convalidated || ' '
                 || co.condeferrable, '; ' ORDER BY co.conname) FROM pg_constraint co
               WHERE co.conrelid = c.oid AND co.contype <> 'n'),
             (SELECT string_agg(pg_get_indexdef(i.indexrelid) || ' ' || i.indisvalid || ' ' || i.indisprimary, '; '
                 ORDER BY pg_get_indexdef(i.indexrelid)) FROM pg_index i WHERE i.indrelid = c.oid)
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
      ORDER BY 1, 2""";

  private static final String SCHEMA = """
      CREATE TYPE mood AS ENUM ('ok', 'sad');
      CREATE TABLE category (id int PRIMARY KEY, name text UNIQUE);
      CREATE TABLE item (id bigint PRIMARY KEY, code text NOT NULL, category_id int REFERENCES category (id),
        doc jsonb, at timestamptz, m mood, tags text[], CONSTRAINT item_code_key UNIQUE (code),
        CONSTRAINT item_code_at UNIQUE (code, at) DEFERRABLE INITIALLY DEFERRED, CHECK (id > 0));
      CREATE INDEX item_doc ON item USING gin (doc);
      CREATE INDEX item_at ON item (at DESC) WHERE at IS NOT NULL;
      CREATE TABLE part (id int, region text, item_id bigint REFERENCES item (id), PRIMARY KEY (id, region))
        PARTITION BY LIST (region);
      CREATE TABLE part_eu PARTITION OF part FOR VALUES IN ('eu');
      CREATE TABLE part_us PARTITION OF part FOR VALUES IN ('us');
      CREATE INDEX part_item ON part (item_id);
      CREATE TABLE loose (n int);
      INSERT INTO loose VALUES (1), (200);
      ALTER TABLE loose ADD CONSTRAINT loose_unvalidated CHECK (n > 100) NOT VALID;
      CREATE TABLE child (id int PRIMARY KEY, item_id bigint, CONSTRAINT child_item FOREIGN KEY (item_id) REFERENCES item (id)
        DEFERRABLE INITIALLY DEFERRED);
      CREATE VIEW item_view AS SELECT id, code FROM item WHERE id % 2 = 0;
      INSERT INTO category SELECT g, 'c' || g FROM generate_series(1, 10) g;
      INSERT INTO item SELECT g, 'code' || g, 1 + g % 10, jsonb_build_object('k', g % 17), '2024-01-01'::timestamptz + g * interval '1 hour',
        CASE WHEN g % 2 = 0 THEN 'ok'::mood ELSE 'sad' END, ARRAY['a', g::text] FROM generate_series(1, 3000) g;
      INSERT INTO part SELECT g, CASE WHEN g % 2 = 0 THEN 'eu' ELSE 'us' END, 1 + g % 3000 FROM generate_series(1, 2000) g;
      INSERT INTO child SELECT g, g FROM generate_series(1, 500) g;
      ANALYZE""";

  private static CloneTuning tuning(CloneTuning.SealMode mode) {
    return CloneTuning.builder().seal(mode).parallelMaintenanceWorkers(0).build();
  }

  @Test
  void clone_parallelSealSplittingEveryTable_sameCatalogAndRowsAsSource() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "pseal_src").execute(SCHEMA);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "pseal_dst");
        TestDatabase single = TestDatabase.create(PostgresServers.target(), "pseal_one")) {
      CloneReport report = new CloneRunner(RunListener.SILENT, tuning(CloneTuning.SealMode.PARALLEL), 0)
          .run(Endpoints.clone(source, target));
      new CloneRunner(RunListener.SILENT, tuning(CloneTuning.SealMode.SINGLE_TRANSACTION)).run(Endpoints.clone(source, single));

      assertThat(target.query(RELATIONS)).isEqualTo(source.query(RELATIONS)).isEqualTo(single.query(RELATIONS));
      for (String t : TableDigest.userTables(source)) {
        assertThat(TableDigest.of(target, t)).as(t).isEqualTo(TableDigest.of(source, t));
      }
      assertThat(target.scalar("SELECT count(*) FROM item_view")).isEqualTo("1500");
      assertThat(report.phases()).extracting(CloneReport.PhaseReport::phase).containsExactly("extract", "base", "load", "seal");
    }
  }

  @Test
  void clone_indexBuildFailsWhileOtherTablesLoad_everythingCreatedIsRemoved() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "pseal_fail_src").execute(SCHEMA);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "pseal_fail_dst")) {
      // The same code for every row: the target's unique index on code cannot be built. (An `sql` rule, since the
      // anonymization rules refuse a `constant` on a unique column before the run.)
      CloneOptions base = Endpoints.clone(source, target);
      CloneOptions o = base.toBuilder().jobs(2)
          .transforms(List.of(new CloneOptions.ColumnRule("item", "code", "sql", Map.of("expression", "'same'"), "test:1:1")))
          .build();

      assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT, tuning(CloneTuning.SealMode.PARALLEL), 0).run(o))
          .isInstanceOfSatisfying(PgferryException.class, e -> {
            assertThat(e.code()).isEqualTo(PgferryException.Code.SEAL);
            assertThat(e.getMessage()).contains("item_code_key", "SQLSTATE 23505", "rolled back");
          });
      assertThat(target.scalar("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = 'public'")).isEqualTo("0");
      assertThat(target.scalar("SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
          + " WHERE n.nspname = 'public'")).isEqualTo("0");
      assertThat(target.otherSessionsAfterClose()).isEqualTo("0");
    }
  }

  @Test
  void clone_foreignKeyValidationFails_errorNamesItAndTargetCleanedUp() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "pseal_fk_src").execute(SCHEMA);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "pseal_fk_dst")) {
      // Half the items are filtered out, so child's foreign key cannot be validated.
      CloneOptions base = Endpoints.clone(source, target);
      CloneOptions o = base.toBuilder().exclude(List.of("part*")).jobs(2)
          .tables(List.of(new CloneOptions.TableRule("item", "id > 250", "test:1:1"))).build();

      assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT, tuning(CloneTuning.SealMode.PARALLEL), 0).run(o))
          .isInstanceOfSatisfying(PgferryException.class, e -> {
            assertThat(e.code()).isEqualTo(PgferryException.Code.SEAL);
            assertThat(e.getMessage()).contains("validate foreign key child_item on public.child", "SQLSTATE 23503");
          });
      assertThat(target.scalar("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = 'public'")).isEqualTo("0");
    }
  }

  @Test
  void sealPlan_bigTable_keysBuiltAsUniqueIndexesThenAttached() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "pseal_plan_src").execute(SCHEMA)) {
      ClonePlan plan = new CloneRunner(RunListener.SILENT).plan(CloneOptions.of(Endpoints.of(source, "SOURCE"),
          Endpoints.of(source, "TARGET")));
      SealPlan seal = SealPlan.of(plan.catalog(), io.pgferry.extractor.SchemaMap.of(Map.of()), 0);
      SealPlan.Group item = seal.groups().stream().filter(g -> g.name().equals("public.item")).findFirst().orElseThrow();
      assertThat(item.builds()).extracting(b -> b.statements().get(0).sql()).contains(
          "CREATE UNIQUE INDEX \"item_pkey\" ON \"public\".\"item\" USING btree (id)",
          "CREATE UNIQUE INDEX \"item_code_key\" ON \"public\".\"item\" USING btree (code)");
      // GIN first: it is the slowest build of the table.
      assertThat(item.builds().get(0).statements().get(0).sql()).contains("USING gin");
      assertThat(item.finish()).extracting(s -> s.sql()).contains(
          "ALTER TABLE \"public\".\"item\" ADD CONSTRAINT \"item_pkey\" PRIMARY KEY USING INDEX \"item_pkey\"",
          "ALTER TABLE \"public\".\"item\" ADD CONSTRAINT \"item_code_at\" UNIQUE (code, at) DEFERRABLE INITIALLY DEFERRED");
      SealPlan.Group part = seal.groups().stream().filter(g -> g.name().equals("tree of public.part")).findFirst().orElseThrow();
      assertThat(part.loaded()).extracting(Object::toString).containsExactlyInAnyOrder("public.part_eu", "public.part_us");
      assertThat(seal.foreignKeys()).extracting(f -> f.add().sql()).contains(
          "ALTER TABLE \"public\".\"child\" ADD CONSTRAINT \"child_item\" FOREIGN KEY (item_id) REFERENCES public.item(id)"
              + " DEFERRABLE INITIALLY DEFERRED NOT VALID",
          "ALTER TABLE \"public\".\"part\" ADD CONSTRAINT \"part_item_id_fkey\" FOREIGN KEY (item_id) REFERENCES public.item(id)");
      // each waits for the groups of its two tables only
      assertThat(seal.foreignKeys()).extracting(f -> f.add().purpose(), SealPlan.ForeignKey::after).contains(
          org.assertj.core.groups.Tuple.tuple("foreign key child_item on public.child (not valid yet)", java.util.Set.of("public.child", "public.item")),
          org.assertj.core.groups.Tuple.tuple("foreign key part_item_id_fkey on public.part", java.util.Set.of("tree of public.part", "public.item")));
    }
  }
}
