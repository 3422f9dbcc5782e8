package io.pgferry.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The tables-only catalog read that a data sync uses: the same tables and dependencies as the full read, no other objects. */
class CatalogReaderTablesTest {

  @Test
  void readTables_kitchenSinkSchema_sameTablesAndDependenciesAsTheFullReadWithoutOtherObjects() throws SQLException {
    try (TestDatabase db = TestDatabase.create(PostgresServers.source(), "tables_only")
            .executeResource("/io/pgferry/testkit/types-prelude.sql")
            .executeResource("/io/pgferry/testkit/types.sql")
            .executeResource("/io/pgferry/testkit/kitchen-sink.sql");
        Connection c = db.connect()) {
      Catalog full = CatalogReader.read(c);
      Catalog tables = CatalogReader.readTables(c);

      assertThat(full.views()).isNotEmpty(); // the fixture has the objects left out, so leaving them out shows
      assertThat(full.objects()).isNotEmpty();
      assertThat(tables.tables()).isEqualTo(full.tables());
      assertThat(tables.schemas()).isEqualTo(full.schemas());
      assertThat(tables.enums()).isEqualTo(full.enums());
      assertThat(tables.sequences()).isEqualTo(full.sequences());
      assertThat(tables.dependencies()).isEqualTo(full.dependencies());
      assertThat(tables.views()).isEmpty();
      assertThat(tables.objects()).isEmpty();
    }
  }
}
