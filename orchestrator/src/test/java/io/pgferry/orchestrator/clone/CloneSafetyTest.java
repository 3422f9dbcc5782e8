package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.loader.ProgressListener;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The data-is-sacred promises: consistent snapshot, no clone over existing objects, failed runs undone. */
class CloneSafetyTest {
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void setUp() {
    source = TestDatabase.create(PostgresServers.source(), "safe_src").execute("""
        CREATE TABLE parent (id int PRIMARY KEY);
        CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));
        CREATE TABLE log (n int);
        INSERT INTO parent SELECT generate_series(1, 100);
        INSERT INTO child SELECT g, 1 + g % 100 FROM generate_series(1, 500) g;
        INSERT INTO log SELECT generate_series(1, 10)""");
    target = TestDatabase.create(PostgresServers.target(), "safe_dst");
  }

  @AfterEach
  void tearDown() {
    source.close();
    target.close();
  }

  @Test
  void run_sourceWrittenDuringLoad_cloneIsTheSnapshotBeforeIt() {
    RunListener writeDuringLoad = new RunListener() {
      @Override
      public void phaseStarted(String phase, String detail) {
        if (phase.equals("load")) {
          source.execute("INSERT INTO log SELECT generate_series(11, 20); DELETE FROM child WHERE id <= 100");
        }
      }
    };
    new CloneRunner(writeDuringLoad).run(Endpoints.clone(source, target));
    assertThat(target.scalar("SELECT count(*) FROM log")).isEqualTo("10");
    assertThat(target.scalar("SELECT count(*) FROM child")).isEqualTo("500");
    assertThat(source.scalar("SELECT count(*) FROM log")).isEqualTo("20");
  }

  @Test
  void run_targetAlreadyHasTheTables_refusesAndChangesNothing() {
    new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target));
    target.execute("INSERT INTO log VALUES (99)");
    TableDigest before = TableDigest.of(target, "public.log");
    assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target)))
        .isInstanceOfSatisfying(PgferryException.class, e -> {
          assertThat(e.code()).isEqualTo(PgferryException.Code.TARGET_CONFLICT);
          assertThat(e.getMessage()).contains("table public.child", "table public.log", "Nothing was changed");
        });
    assertThat(TableDigest.of(target, "public.log")).isEqualTo(before);
  }

  @Test
  void run_sealFails_everythingCreatedIsRemovedAndErrorNamesStatement() {
    // A row filter on parent alone breaks child's foreign key: the seal must fail and undo the clone.
    CloneOptions o = withTables(Endpoints.clone(source, target), List.of(new CloneOptions.TableRule("parent", "id <= 50", "test:1:1")), false);
    assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT).run(o))
        .isInstanceOfSatisfying(PgferryException.class, e -> {
          assertThat(e.code()).isEqualTo(PgferryException.Code.SEAL);
          assertThat(e.getMessage()).contains("foreign key child_parent_id_fkey on public.child", "SQLSTATE 23503", "rolled back");
        });
    assertThat(target.scalar("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"))
        .isEqualTo("0");
  }

  @Test
  void run_sealFailsWithKeepOnFailure_partialCloneKeptForInspection() {
    CloneOptions o = withTables(Endpoints.clone(source, target), List.of(new CloneOptions.TableRule("parent", "id <= 50", "test:1:1")), true);
    assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT).run(o)).isInstanceOf(PgferryException.class);
    assertThat(target.scalar("SELECT count(*) FROM parent")).isEqualTo("50");
    // The parallel seal keeps the steps that succeeded: the key was added NOT VALID, its validation failed.
    assertThat(target.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated")).isEqualTo("0");
  }

  @Test
  void run_sameDatabaseWithoutSchemaMap_refused() {
    CloneOptions o = CloneOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(source, "TARGET"));
    assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT).run(o))
        .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.SAME_DATABASE));
    assertThat(source.scalar("SELECT count(*) FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'"))
        .isEqualTo("1");
  }

  @Test
  void run_sameDatabaseWithSchemaMap_clonesIntoNewSchemaLeavingSourceAlone() {
    CloneOptions base = CloneOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(source, "TARGET"));
    CloneOptions o = base.toBuilder().schemaMap(Map.of("public", "copy")).jobs(2).build();
    new CloneRunner(RunListener.SILENT).run(o);
    assertThat(TableDigest.of(source, "copy.child")).isEqualTo(TableDigest.of(source, "public.child"));
    assertThat(source.scalar("SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'copy' AND contype = 'f'"))
        .isEqualTo("1");
  }

  @Test
  void run_dryRun_returnsPlanAndCreatesNothing() {
    CloneOptions base = Endpoints.clone(source, target);
    CloneOptions o = base.toBuilder().exclude(List.of("log")).jobs(2).dryRun(true).build();
    CloneReport r = new CloneRunner(RunListener.SILENT).run(o);
    assertThat(r.plan().render()).contains("CREATE TABLE \"public\".\"child\"", "ADD CONSTRAINT \"child_parent_id_fkey\"",
        "-- copy public.parent -> public.parent").doesNotContain("\"log\"");
    assertThat(target.scalar("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"))
        .isEqualTo("0");
  }

  @Test
  void run_progress_reportsRowsOfEveryTable() {
    java.util.concurrent.ConcurrentHashMap<String, Long> rows = new java.util.concurrent.ConcurrentHashMap<>();
    RunListener l = new RunListener() {
      @Override
      public ProgressListener loadProgress() {
        return new ProgressListener() {
          @Override
          public void finished(io.pgferry.loader.TableResult r) {
            rows.put(r.source().name(), r.rows());
          }
        };
      }
    };
    new CloneRunner(l).run(Endpoints.clone(source, target));
    assertThat(rows).containsExactlyInAnyOrderEntriesOf(Map.of("parent", 100L, "child", 500L, "log", 10L));
  }

  private static CloneOptions withTables(CloneOptions o, List<CloneOptions.TableRule> rules, boolean keep) {
    return o.toBuilder().tables(rules).keepOnFailure(keep).build();
  }
}
