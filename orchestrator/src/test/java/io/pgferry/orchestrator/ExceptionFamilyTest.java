package io.pgferry.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.applier.Applier;
import io.pgferry.applier.ApplyException;
import io.pgferry.extractor.CatalogReader;
import io.pgferry.extractor.ExtractException;
import io.pgferry.extractor.PgferryException;
import io.pgferry.extractor.SqlStatement;
import io.pgferry.loader.LoadException;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every module's failure is a {@link PgferryException}: one catch gets a machine-readable code and the server's
 * error as the server gave it (SQLSTATE, detail, constraint), with nothing translated on the way.
 */
class ExceptionFamilyTest {
  @Test
  void apply_violatedConstraint_isPgferryExceptionWithServerError() {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "family_apply");
        Connection c = db.connect()) {
      db.execute("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)");
      assertThatThrownBy(() -> Applier.builder().build().apply(c, List.of(new SqlStatement("INSERT INTO t VALUES (1)", "a duplicate"))))
          .isInstanceOfSatisfying(PgferryException.class, e -> {
            assertThat(e).isInstanceOf(ApplyException.class);
            assertThat(e.code()).isEqualTo(PgferryException.Code.SCHEMA);
            assertThat(((ApplyException) e).reason()).isEqualTo(ApplyException.Reason.STATEMENT_FAILED);
            assertThat(e.sqlState()).isEqualTo("23505");
            assertThat(e.serverError().constraint()).isEqualTo("t_pkey");
            assertThat(e.serverError().detail()).contains("(id)=(1)");
          });
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void read_abortedTransaction_isPgferryExceptionOfCodeSchemaWithSqlState() throws Exception {
    try (TestDatabase db = TestDatabase.create(PostgresServers.source(), "family_read");
        Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT 1 / 0"); // an aborted transaction: every catalog query fails
      } catch (java.sql.SQLException expected) {
        // the transaction is now aborted
      }
      assertThatThrownBy(() -> CatalogReader.read(c))
          .isInstanceOfSatisfying(PgferryException.class, e -> {
            assertThat(e).isInstanceOf(ExtractException.class);
            assertThat(e.code()).isEqualTo(PgferryException.Code.SCHEMA);
            assertThat(e.sqlState()).isEqualTo("25P02");
          });
      c.rollback();
    }
  }

  @Test
  void loadException_reasons_mapToTheFamilysCodes() {
    assertThat(new LoadException(LoadException.Reason.CONFIG, null, "bad option").code()).isEqualTo(PgferryException.Code.CONFIG);
    assertThat(new LoadException(LoadException.Reason.SOURCE_READ, null, "read").code()).isEqualTo(PgferryException.Code.LOAD);
    assertThat(new LoadException(LoadException.Reason.TARGET_WRITE, null, "write").code()).isEqualTo(PgferryException.Code.LOAD);
    assertThat(new LoadException(LoadException.Reason.INTERRUPTED, null, "stop").code()).isEqualTo(PgferryException.Code.INTERRUPTED);
  }
}
