package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.SchemaSnapshot;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.util.List;

/** Clones one source script with both seal modes and checks each target against the source, as a user would. */
final class Clones {
  private Clones() {}

  /** Both seal modes; small tables get one build per index too (split threshold 0), as big ones would. */
  static void assertBothSealModesEqual(String prefix, String script, String... schemas) {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), prefix + "_src").execute(script);
        TestDatabase parallel = TestDatabase.create(PostgresServers.target(), prefix + "_par");
        TestDatabase single = TestDatabase.create(PostgresServers.target(), prefix + "_one")) {
      CloneTuning d = CloneTuning.defaults();
      new CloneRunner(RunListener.SILENT, d, 0).run(Endpoints.clone(source, parallel));
      new CloneRunner(RunListener.SILENT, CloneTuning.builder().seal(CloneTuning.SealMode.SINGLE_TRANSACTION).build())
          .run(Endpoints.clone(source, single));
      for (TestDatabase target : List.of(parallel, single)) {
        for (String schema : schemas.length == 0 ? new String[] {"public"} : schemas) {
          assertThat(SchemaSnapshot.of(target, schema)).as(target.name() + " " + schema).isEqualTo(SchemaSnapshot.of(source, schema));
        }
        for (String t : TableDigest.userTables(source)) {
          assertThat(TableDigest.of(target, t)).as(target.name() + " " + t).isEqualTo(TableDigest.of(source, t));
        }
      }
    }
  }
}
