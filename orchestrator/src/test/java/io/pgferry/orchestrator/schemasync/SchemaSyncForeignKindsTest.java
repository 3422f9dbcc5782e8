package io.pgferry.orchestrator.schemasync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.extractor.PgferryException;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The kinds the clone added for real databases (foreign-data wrappers, servers, user mappings, foreign tables,
 * rewrite rules) are created, changed and dropped by a database-wide schema-sync, not skipped. User mappings are not
 * read (their options hold credentials): a server that goes takes them along, and one that changes is refused by name.
 */
class SchemaSyncForeignKindsTest {
  private static final String KINDS = """
      DO $$ BEGIN CREATE ROLE sd_fdw_user; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
      CREATE FOREIGN DATA WRAPPER sd_wrapper;
      CREATE SERVER sd_server FOREIGN DATA WRAPPER sd_wrapper OPTIONS (host 'example.org');
      CREATE USER MAPPING FOR sd_fdw_user SERVER sd_server OPTIONS (user 'remote');
      CREATE SCHEMA app;
      CREATE FOREIGN TABLE app.remote_items (id int, name text) SERVER sd_server OPTIONS (table_name 'items');
      CREATE TABLE app.items (id int PRIMARY KEY, name text);
      CREATE TABLE app.items_log (id int, name text);
      CREATE RULE log_items AS ON INSERT TO app.items DO ALSO INSERT INTO app.items_log VALUES (NEW.id, NEW.name);""";
  private static final String QUERY = """
      SELECT 'fdw ' || fdwname FROM pg_foreign_data_wrapper
      UNION ALL SELECT 'server ' || srvname || ' ' || coalesce(srvoptions::text, '') FROM pg_foreign_server
      UNION ALL SELECT 'foreign table ' || ftrelid::regclass || ' ' || coalesce(ftoptions::text, '') FROM pg_foreign_table
      UNION ALL SELECT 'rule ' || rulename || ' ' || pg_get_ruledef(oid) FROM pg_rewrite WHERE rulename <> '_RETURN' AND ev_class::regclass::text LIKE 'app.%'
      ORDER BY 1""";

  @Test
  void schemaSync_foreignKindsAndRulesNewInSource_created() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sdfk_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "sdfk_dst")) {
      source.execute(KINDS);
      sync(source, target);
      assertThat(kinds(target)).isEqualTo(kinds(source)).hasSize(4);
    }
  }

  @Test
  void schemaSync_foreignKindsAndRulesGoneFromSource_dropped() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sdfk_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "sdfk_dst")) {
      target.execute(KINDS);
      source.execute("CREATE SCHEMA app; CREATE TABLE app.items (id int PRIMARY KEY, name text); CREATE TABLE app.items_log (id int, name text);");
      sync(source, target);
      assertThat(kinds(target)).isEmpty();
    }
  }

  @Test
  void schemaSync_foreignKindsAndRulesChanged_replacedAsInSource() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sdfk_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "sdfk_dst")) {
      target.execute(KINDS);
      source.execute(KINDS.replace("'items')", "'items2')").replace("DO ALSO INSERT", "WHERE NEW.id > 0 DO ALSO INSERT"));
      sync(source, target);
      assertThat(kinds(target)).isEqualTo(kinds(source)).anySatisfy(k -> assertThat(k).contains("items2"))
          .anySatisfy(k -> assertThat(k).contains("new.id > 0"));
    }
  }

  @Test
  void schemaSync_serverOptionsChanged_refusedNamingTheServer() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sdfk_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "sdfk_dst")) {
      target.execute(KINDS);
      source.execute(KINDS.replace("'example.org'", "'example.com'"));
      assertThatThrownBy(() -> sync(source, target)).isInstanceOf(PgferryException.class)
          .hasMessageContaining("server sd_server").hasMessageContaining("user mappings");
      assertThat(target.scalar("SELECT count(*) FROM pg_user_mappings")).isEqualTo("1");
    }
  }

  private static void sync(TestDatabase source, TestDatabase target) {
    new SchemaSyncRunner(RunListener.SILENT).run(SchemaSyncOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET"))
        .withAllowHazards(Set.of("all")).withClock(SchemaPairs.CLOCK));
  }

  private static List<String> kinds(TestDatabase db) {
    return db.query(QUERY).stream().map(r -> r.get(0)).toList();
  }
}
