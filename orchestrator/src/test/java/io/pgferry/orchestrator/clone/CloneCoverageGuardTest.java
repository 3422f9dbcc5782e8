package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An object of a kind pgferry cannot create never vanishes without a word: the clone stops before the
 * target is touched and names it, or, when the user allows it, clones the rest and names it as a warning.
 */
class CloneCoverageGuardTest {
  /** A table access method: a kind pgferry has no reader for (nobody clones it), used by a table. */
  private static final String SOURCE = """
      CREATE ACCESS METHOD "Heap Copy" TYPE TABLE HANDLER heap_tableam_handler;
      CREATE TABLE kept (id int PRIMARY KEY);
      CREATE TABLE skipped (id int);
      CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
      CREATE TRIGGER on_skipped BEFORE INSERT ON skipped FOR EACH ROW EXECUTE FUNCTION noop();
      INSERT INTO kept VALUES (1), (2)""";

  private static final String TARGET_OBJECTS = "SELECT count(*) FROM pg_class WHERE oid >= 16384";

  @Test
  void clone_sourceHasKindWithoutReader_stopsBeforeTargetIsChangedAndNamesIt() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "guard_src").execute(SOURCE);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "guard_dst")) {
      assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target)))
          .isInstanceOfSatisfying(PgferryException.class, e -> {
            assertThat(e.code()).isEqualTo(PgferryException.Code.SCHEMA);
            assertThat(e.getMessage()).contains("1 object(s) this clone would not create", "access method \"Heap Copy\"",
                "Pass `allowUncovered=true` to clone without them", "Nothing was changed");
            assertThat(e.options()).containsExactly(io.pgferry.extractor.Option.ALLOW_UNCOVERED);
          });
      assertThat(target.scalar(TARGET_OBJECTS)).isEqualTo("0");
    }
  }

  @Test
  void clone_allowUncovered_clonesTheRestAndWarnsByName() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "guard_src").execute(SOURCE);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "guard_dst")) {
      CloneReport report = new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target).withAllowUncovered(true));
      assertThat(report.warnings()).contains("not cloned (pgferry cannot create it yet): access method \"Heap Copy\"");
      assertThat(target.scalar("SELECT count(*) FROM kept")).isEqualTo("2");
    }
  }

  @Test
  void clone_objectsOfExcludedTable_notReported() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "guard_ex_src")
            .execute(SOURCE.replace("CREATE ACCESS METHOD \"Heap Copy\" TYPE TABLE HANDLER heap_tableam_handler;", ""));
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "guard_ex_dst")) {
      CloneOptions all = Endpoints.clone(source, target);
      CloneOptions o = all.toBuilder().exclude(List.of("skipped")).build();
      CloneReport report = new CloneRunner(RunListener.SILENT).run(o);
      assertThat(report.warnings()).noneMatch(w -> w.contains("not cloned"));
      assertThat(target.scalar("SELECT count(*) FROM pg_trigger WHERE tgname = 'on_skipped'")).isEqualTo("0");
    }
  }

  @Test
  void uncovered_largeObjectWithoutReader_named() {
    // What pg_depend never tracks is listed too: large objects live only in pg_largeobject_metadata.
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "guard_lo_src")
        .execute("CREATE TABLE docs (id int, blob oid); INSERT INTO docs VALUES (1, lo_from_bytea(4242, 'hello'))")) {
      List<SourceInventory.Item> inventory;
      try (java.sql.Connection c = source.connect()) {
        inventory = SourceInventory.read(c);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
      assertThat(inventory).anyMatch(i -> i.kind().equals("large object") && i.identity().equals("4242"));
    }
  }
}
