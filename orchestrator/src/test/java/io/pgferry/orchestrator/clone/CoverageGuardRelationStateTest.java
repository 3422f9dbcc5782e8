package io.pgferry.orchestrator.clone;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.CatalogReader;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replica identities and CLUSTER marks are state of a table, not objects: the inventory lists them on their
 * own, so a model whose table is there but whose state is not read leaves them uncovered, by name.
 */
class CoverageGuardRelationStateTest {
  private static final String SOURCE = """
      CREATE TABLE coded (id int PRIMARY KEY, code text NOT NULL);
      CREATE UNIQUE INDEX coded_code ON coded (code);
      ALTER TABLE coded REPLICA IDENTITY USING INDEX coded_code;
      ALTER TABLE coded CLUSTER ON coded_pkey;
      CREATE TABLE "Full" (id int);
      ALTER TABLE "Full" REPLICA IDENTITY FULL""";

  @Test
  void uncovered_relationStateNotInModel_namedAndCoveredOnceRead() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "guard_state_src").execute(SOURCE);
        Connection c = source.connect()) {
      List<SourceInventory.Item> inventory = SourceInventory.read(c);
      Catalog full = CatalogReader.read(c);
      Catalog tablesOnly = full.with(full.schemas(), full.enums(), full.sequences(), full.tables(), full.views(), full.objects().stream()
          .filter(o -> !o.key().type().equals("replica identity") && !o.key().type().equals("cluster mark")).toList());
      assertThat(CoverageGuard.uncovered(inventory, tablesOnly, false)).containsExactlyInAnyOrder(
          "replica identity public.coded USING INDEX", "replica identity public.\"Full\" FULL", "cluster mark public.coded ON coded_pkey");
      assertThat(CoverageGuard.uncovered(inventory, full, false)).isEmpty();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
