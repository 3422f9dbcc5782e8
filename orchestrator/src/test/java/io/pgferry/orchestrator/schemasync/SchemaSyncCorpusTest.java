package io.pgferry.orchestrator.schemasync;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (old, new) pair of the testkit corpus, synced across two servers into another schema name
 * ({@code app} → {@code "Prod Schema"}), and again between two schemas of one database ({@code dev_schema} →
 * {@code prod_schema}). Same-name syncs across servers are covered by the property, preserve and CLI tests.
 */
class SchemaSyncCorpusTest {
  static List<String> pairs() {
    return SchemaPairs.corpus();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void schemaSync_pairAcrossDatabasesIntoAnotherSchemaName_targetEqualsSourceAndKeepsData(String file) {
    String[] p = SchemaPairs.split(file);
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sd_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "sd_dst")) {
      SchemaPairs.check(file, p[0], p[1], source, "app", target, "Prod Schema");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void schemaSync_pairBetweenSchemasOfOneDatabase_targetSchemaEqualsSourceSchema(String file) {
    String[] p = SchemaPairs.split(file);
    try (TestDatabase db = TestDatabase.create(PostgresServers.source(), "sd_one")) {
      SchemaPairs.check(file, p[0], p[1], db, "dev_schema", db, "prod_schema");
    }
  }
}
