package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Foreign data wrappers, servers and foreign tables are cloned as structure; no row is copied through them. */
class CloneForeignTablesTest {
  private static final String SOURCE = """
      CREATE FOREIGN DATA WRAPPER "Dummy Wrapper" OPTIONS (debug 'true');
      CREATE SERVER files TYPE 'csv' VERSION '1.0' FOREIGN DATA WRAPPER "Dummy Wrapper" OPTIONS (root '/tmp');
      CREATE FOREIGN TABLE projects_dump (id int OPTIONS (column_name 'ID') NOT NULL, name text COLLATE "C" DEFAULT 'x',
        CONSTRAINT positive CHECK (id > 0)) SERVER files OPTIONS (filename '/tmp/projects.csv', format 'csv');
      CREATE VIEW dump_names AS SELECT name FROM projects_dump;
      CREATE TABLE measures (at date, v int) PARTITION BY RANGE (at);
      CREATE TABLE measures_2024 PARTITION OF measures FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE FOREIGN TABLE measures_old PARTITION OF measures FOR VALUES FROM ('2000-01-01') TO ('2024-01-01') SERVER files;
      COMMENT ON FOREIGN TABLE projects_dump IS 'from a file';
      INSERT INTO measures_2024 VALUES ('2024-05-01', 1)""";

  private static final List<String> CHECKS = List.of(
      "SELECT fdwname || ' ' || coalesce(fdwoptions::text, '') FROM pg_foreign_data_wrapper ORDER BY 1",
      "SELECT s.srvname || ' ' || coalesce(s.srvtype, '') || ' ' || coalesce(s.srvversion, '') || ' ' || coalesce(s.srvoptions::text, '')"
          + " || ' ' || w.fdwname FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw ORDER BY 1",
      "SELECT c.relname || ' ' || coalesce(ft.ftoptions::text, '') || ' ' || coalesce(pg_get_expr(c.relpartbound, c.oid), '')"
          + " || ' ' || coalesce(obj_description(c.oid, 'pg_class'), '') FROM pg_foreign_table ft JOIN pg_class c ON c.oid = ft.ftrelid"
          + " ORDER BY 1",
      "SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull || ' '"
          + " || coalesce(a.attfdwoptions::text, '') || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' ' || a.attcollation::regcollation::text"
          + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
          + " WHERE c.relkind = 'f' AND a.attnum > 0 ORDER BY 1",
      "SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'projects_dump'::regclass ORDER BY 1",
      "SELECT pg_get_viewdef('dump_names'::regclass)");

  @Test
  void clone_foreignWrapperServerTablesAndForeignPartition_sameAsSource() {
    for (CloneTuning.SealMode mode : CloneTuning.SealMode.values()) {
      try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "fdw_src").execute(SOURCE);
          TestDatabase target = TestDatabase.create(PostgresServers.target(), "fdw_dst")) {
        new CloneRunner(RunListener.SILENT, CloneTuning.builder().seal(mode).build()).run(Endpoints.clone(source, target));
        for (String check : CHECKS) {
          assertThat(target.query(check)).as(mode + " " + check).isEqualTo(source.query(check)).isNotEmpty();
        }
        assertThat(target.scalar("SELECT count(*) FROM measures_2024")).isEqualTo("1");
      }
    }
  }
}
