package io.pgferry.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every pgferry error words what the server said one way; a data error's row values stay out when asked. */
class ServerErrorTest {
  private static TestDatabase db;

  @BeforeAll
  static void setUp() {
    db = TestDatabase.create(PostgresServers.source(), "srverr").execute(
        "CREATE TABLE public.people (email text CONSTRAINT people_email_key UNIQUE); INSERT INTO public.people VALUES ('ann@example.com')");
  }

  @AfterAll
  static void tearDown() {
    db.close();
  }

  @Test
  void describe_uniqueViolation_keepsStateConstraintAndDetail() throws SQLException {
    ServerError e = ServerError.of(fail("INSERT INTO public.people VALUES ('ann@example.com')"));
    assertThat(e.sqlState()).isEqualTo("23505");
    assertThat(e.constraint()).isEqualTo("people_email_key");
    assertThat(e.describe()).isEqualTo("duplicate key value violates unique constraint \"people_email_key\""
        + " (Key (email)=(ann@example.com) already exists.) (SQLSTATE 23505, constraint people_email_key)");
  }

  @Test
  void describe_withoutDetail_leavesRowValuesOutOfDataErrors() throws SQLException {
    ServerError e = ServerError.of(fail("INSERT INTO public.people VALUES ('ann@example.com')"));
    assertThat(e.describe(false)).doesNotContain("ann@example.com").endsWith("(SQLSTATE 23505, constraint people_email_key)");
  }

  @Test
  void describe_withoutDetail_keepsTheDetailAndHintOfOtherErrors() throws SQLException {
    ServerError e = ServerError.of(fail("SELECT * FROM public.peple"));
    assertThat(e.sqlState()).isEqualTo("42P01");
    assertThat(e.describe(false)).isEqualTo(e.describe()).endsWith("(SQLSTATE 42P01)");
    ServerError hinted = ServerError.of(fail("SELECT emial FROM public.people"));
    assertThat(hinted.describe(false)).contains("Hint: Perhaps you meant", "(SQLSTATE 42703)");
  }

  @Test
  void of_wrappedCause_findsTheServerErrorInTheChain() throws SQLException {
    SQLException sql = fail("SELECT 1/0");
    RuntimeException wrapped = new IllegalStateException("outer", new RuntimeException("middle", sql));
    assertThat(ServerError.describe(wrapped)).isEqualTo("division by zero (SQLSTATE 22012)");
    assertThat(ServerError.of(new IllegalStateException("no sql here"))).isNull();
  }

  private static SQLException fail(String sql) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      return catchThrowableOfType(SQLException.class, () -> s.execute(sql));
    }
  }
}
