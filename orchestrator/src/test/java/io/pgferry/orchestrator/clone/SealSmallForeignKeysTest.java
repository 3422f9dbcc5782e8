package io.pgferry.orchestrator.clone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A small table's foreign key is added valid at once, its check inside the transaction that adds it; a larger
 * table's is added {@code NOT VALID} and validated apart, where the check runs beside other work.
 */
class SealSmallForeignKeysTest {
  private static final String SCHEMA = """
      CREATE TABLE parent (id int PRIMARY KEY);
      INSERT INTO parent SELECT generate_series(1, 100);
      CREATE TABLE small (id int PRIMARY KEY, parent_id int REFERENCES parent);
      INSERT INTO small SELECT g, g FROM generate_series(1, 50) g;
      CREATE TABLE large (id int PRIMARY KEY, parent_id int REFERENCES parent, pad text);
      INSERT INTO large SELECT g, 26 + g % 75, repeat('x', 200) FROM generate_series(1, 20000) g;
      ANALYZE""";

  @Test
  void sealPlan_smallAndLargeTables_smallKeyAddedValidLargeKeyValidatedApart() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sfk_plan_src").execute(SCHEMA)) {
      ClonePlan plan = new CloneRunner(RunListener.SILENT).plan(CloneOptions.of(Endpoints.of(source, "SOURCE"),
          Endpoints.of(source, "TARGET")));
      SealPlan seal = SealPlan.of(plan.catalog(), io.pgferry.extractor.SchemaMap.of(Map.of()));

      SealPlan.ForeignKey small = key(seal, "small");
      assertThat(small.add().sql()).doesNotContain("NOT VALID");
      assertThat(small.validate()).isNull();
      SealPlan.ForeignKey large = key(seal, "large");
      assertThat(large.add().sql()).endsWith("NOT VALID");
      assertThat(large.validate().sql()).contains("VALIDATE CONSTRAINT");
    }
  }

  @Test
  void clone_smallTableKeyViolated_sealFailsNamingTheKeyAndTargetCleanedUp() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sfk_fail_src").execute(SCHEMA);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "sfk_fail_dst")) {
      // the filter drops the parents of half of small's rows: small's key cannot hold in the target
      CloneOptions o = Endpoints.clone(source, target).toBuilder()
          .tables(List.of(new CloneOptions.TableRule("parent", "id > 25", "test:1:1"))).build();

      assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT).run(o))
          .isInstanceOfSatisfying(PgferryException.class, e -> {
            assertThat(e.code()).isEqualTo(PgferryException.Code.SEAL);
            assertThat(e.getMessage()).contains("foreign key small_parent_id_fkey on public.small", "SQLSTATE 23503");
          });
      assertThat(target.scalar("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")).isEqualTo("0");
    }
  }

  private static SealPlan.ForeignKey key(SealPlan seal, String table) {
    return seal.foreignKeys().stream().filter(f -> f.table().name().equals(table)).findFirst().orElseThrow();
  }
}
