package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * GIN index builds run with their own {@code maintenance_work_mem} (a cache-sized tree builds faster), and
 * every other build with the seal's. The index expressions below fail the build when the setting they see
 * is not the one meant for them, so a clone that succeeds proves which value each build ran with.
 */
class GinBuildMemoryTest {
  private static final String SCHEMA = """
      CREATE FUNCTION mwm_is(expected text, v anyelement) RETURNS anyelement LANGUAGE plpgsql IMMUTABLE AS $$
      BEGIN
        IF current_setting('maintenance_work_mem') <> expected THEN
          RAISE EXCEPTION 'maintenance_work_mem is %, expected %', current_setting('maintenance_work_mem'), expected;
        END IF;
        RETURN v;
      END $$;
      CREATE TABLE doc (id int PRIMARY KEY, tags text[]);
      INSERT INTO doc SELECT g, ARRAY['t' || g % 7, 'u' || g] FROM generate_series(1, 2000) g;
      SET maintenance_work_mem = '3MB';
      CREATE INDEX doc_tags_gin ON doc USING gin (mwm_is('3MB', tags));
      SET maintenance_work_mem = '7MB';
      CREATE INDEX doc_id_expr ON doc (mwm_is('7MB', id));
      CREATE INDEX doc_id_expr2 ON doc (mwm_is('7MB', id + 1));
      RESET maintenance_work_mem""";

  private static CloneTuning tuning(CloneTuning.SealMode mode, String gin) {
    return CloneTuning.builder().seal(mode).maintenanceWorkMem("7MB").parallelMaintenanceWorkers(0).ginMaintenanceWorkMem(gin).build();
  }

  private static CloneOptions oneJob(TestDatabase source, TestDatabase target) {
    // One connection: the btree builds run on the connection the GIN build just used, after it.
    CloneOptions o = Endpoints.clone(source, target);
    return o.toBuilder().jobs(1).build();
  }

  @ParameterizedTest
  @EnumSource(CloneTuning.SealMode.class)
  void clone_ginBuildOwnMemory_ginAndBtreeBuildsEachSeeTheirSetting(CloneTuning.SealMode mode) {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "ginmem_src").execute(SCHEMA);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "ginmem_dst")) {
      new CloneRunner(RunListener.SILENT, tuning(mode, "3MB"), 0).run(oneJob(source, target));

      assertThat(target.query("SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
          + " WHERE i.indrelid = 'doc'::regclass ORDER BY 1"))
          .containsExactly(List.of("doc_id_expr", "t"), List.of("doc_id_expr2", "t"), List.of("doc_pkey", "t"),
              List.of("doc_tags_gin", "t"));
      assertThat(target.scalar("SELECT current_setting('maintenance_work_mem')")).as("the server's, untouched")
          .isEqualTo(source.scalar("SELECT current_setting('maintenance_work_mem')"));
    }
  }

  @ParameterizedTest
  @EnumSource(CloneTuning.SealMode.class)
  void clone_ginMemorySameAsOthers_ginBuildSeesSealSettingAndFails(CloneTuning.SealMode mode) {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "ginmem_src").execute(SCHEMA);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "ginmem_dst")) {
      assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT, tuning(mode, null), 0).run(oneJob(source, target)))
          .isInstanceOf(PgferryException.class)
          .hasMessageContaining("maintenance_work_mem is 7MB, expected 3MB");
    }
  }

  @Test
  void buildMemory_ginAndOtherStatements_onlyGinBuildsGetTheirOwnValue() {
    CloneTuning t = tuning(CloneTuning.SealMode.PARALLEL, " 16MB");
    assertThat(t.buildMemory("CREATE INDEX d ON public.t USING gin (doc jsonb_path_ops)")).isEqualTo("16MB");
    assertThat(t.buildMemory("CREATE UNIQUE INDEX \"x y\" ON \"S\".\"T\" USING gin (a)")).isEqualTo("16MB");
    assertThat(t.buildMemory("CREATE INDEX d ON public.t USING btree (a)")).isNull();
    assertThat(t.buildMemory("CREATE INDEX d ON public.t USING gist (r)")).isNull();
    assertThat(t.buildMemory("ALTER TABLE t VALIDATE CONSTRAINT c")).isNull();
    assertThat(t.sessionMemory()).isEqualTo("7MB");
    assertThat(tuning(CloneTuning.SealMode.PARALLEL, "7MB").buildMemory("CREATE INDEX d ON t USING gin (a)")).isNull();
    assertThat(tuning(CloneTuning.SealMode.PARALLEL, null).buildMemory("CREATE INDEX d ON t USING gin (a)")).isNull();
  }

  @Test
  void tuning_badGinMemory_usageError() {
    assertThatThrownBy(() -> tuning(CloneTuning.SealMode.PARALLEL, "lots"))
        .isInstanceOf(PgferryException.class)
        .hasMessageContaining("`ginMaintenanceWorkMem` must be a size from 1MB to 2TB such as 16MB, 1GB or 65536kB, or 'same'; got 'lots'");
  }
}
