package io.pgferry.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/** The version matrix is real: each build talks to the PostgreSQL major it was asked to use. */
class ServerVersionTest {
  @Test
  void server_versionMatrixRun_isTheRequestedMajor() {
    String requested = System.getProperty("pg.binaries.version");
    assertThat(requested).as("surefire passes pg.binaries.version").isNotBlank();
    try (TestDatabase db = TestDatabase.create(PostgresServers.source(), "version")) {
      int num = Integer.parseInt(db.scalar("SHOW server_version_num"));
      assertThat(num / 10000).isEqualTo(Integer.parseInt(requested.substring(0, requested.indexOf('.'))));
    }
  }
}
