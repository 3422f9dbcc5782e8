package io.pgferry.loader;

import io.pgferry.extractor.ConnectionSource;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Timestamp mode and the source's open transactions: a row whose transaction stamped it before the run
 * and commits after it must still arrive, so the mark never passes the oldest open transaction's start.
 */
class SyncInFlightTest {
  private static final String DDL = """
      CREATE TABLE items (id bigint PRIMARY KEY, name text, updated_at timestamptz NOT NULL);
      """;
  private static final String SEED_MARK = "2024-01-01 00:01:40+00";

  private TestDatabase src;
  private TestDatabase dst;

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "inflight_src").execute(DDL);
    dst = TestDatabase.create(PostgresServers.target(), "inflight_dst").execute(DDL);
    src.execute("INSERT INTO items SELECT i, 'item ' || i, timestamptz '2024-01-01 00:00:00+00' + i * interval '1 second'"
        + " FROM generate_series(1, 100) i");
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  private SyncRun sync(ConnectionSource source) {
    TableSync items = new TableSync(TestTables.read(src, QualifiedName.of("public", "items")), null, SyncMode.TIMESTAMP,
        List.of("id", "name", "updated_at"), List.of("id"), "updated_at", false);
    return Syncer.builder().source(source).target(dst::connect).jobs(1).batchSize(16).build().sync("test", List.of(items), List.of());
  }

  @Test
  void timestamp_rowOfATransactionStillOpenDuringTheRun_arrivesWithTheNextRun() throws SQLException {
    assertThat(sync(src::connect).tables().get(0).mark()).isEqualTo(SEED_MARK);
    try (Connection open = src.connect(); Statement s = open.createStatement()) {
      open.setAutoCommit(false);
      // stamped with its transaction's start, committed only after the next run has read the source
      s.execute("INSERT INTO items VALUES (9001, 'in flight', now())");
      src.execute("INSERT INTO items VALUES (9002, 'committed later, stamped later', now())");

      SyncRun during = sync(src::connect);
      SyncResult r = during.tables().get(0);
      assertThat(r.inserted()).isEqualTo(1); // 9002
      assertThat(r.mark()).as("the mark stays before the open transaction's start").isEqualTo(SEED_MARK);
      assertThat(during.warnings()).isEmpty();
      open.commit();
    }

    SyncResult after = sync(src::connect).tables().get(0);

    assertThat(after.inserted()).isEqualTo(1); // 9001; 9002 is read again and found equal
    assertThat(after.mark()).isEqualTo(src.scalar("SELECT updated_at::text FROM items WHERE id = 9002"));
    assertThat(TableDigest.of(dst, "items")).isEqualTo(TableDigest.of(src, "items"));
  }

  @Test
  void timestamp_sourceRoleCannotSeeOtherRolesSessions_runWarnsAndStillSyncs() throws SQLException {
    String role = "inflight_" + src.name();
    src.execute("CREATE ROLE " + role + " LOGIN; GRANT SELECT ON items TO " + role);
    try (Connection other = src.connect()) { // a superuser's session the role may not inspect
      Properties p = new Properties();
      p.setProperty("user", role);
      String url = "jdbc:postgresql://127.0.0.1:" + src.port() + "/" + src.name();

      SyncRun run = sync(() -> DriverManager.getConnection(url, p));

      assertThat(run.tables().get(0).status()).isEqualTo(SyncResult.Status.OK);
      assertThat(run.tables().get(0).inserted()).isEqualTo(100);
      // at least that session (a closed connection's backend may linger a moment)
      assertThat(run.warnings()).singleElement().asString()
          .containsPattern("^[1-9][0-9]* sessions? or prepared transactions? of the source could not be inspected")
          .contains("pg_read_all_stats");
      assertThat(sync(src::connect).warnings()).as("a superuser sees every session").isEmpty();
    } finally {
      src.execute("REVOKE ALL ON items FROM " + role + "; DROP ROLE " + role);
    }
  }
}
