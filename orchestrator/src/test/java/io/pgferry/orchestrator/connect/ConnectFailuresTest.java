package io.pgferry.orchestrator.connect;

import io.pgferry.extractor.PgferryException;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.PgferryException.Code;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failure shapes that a live server cannot easily produce on demand (leaky driver text, DNS, timeouts). */
class ConnectFailuresTest {
  private static final List<String> SECRETS = Arrays.asList("Hunter2!", null);

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  @Test
  void translate_driverMessageQuotesPassword_scrubsMessageAndCauseChain() {
    SQLException leaky = new SQLException("bad URL jdbc:postgresql://h/db?password=Hunter2%21 and Hunter2!", "XX000",
        new IllegalStateException("inner Hunter2!"));
    PgferryException e = ConnectFailures.translate(leaky, "h:5432", "db", "bob", true, SECRETS);
    assertThat(e.code()).isEqualTo(Code.CONNECTION);
    assertThat(e.getMessage()).contains("cannot connect to h:5432/db").contains("****").contains("SQLSTATE XX000");
    assertThat(stackTrace(e)).doesNotContain("Hunter2");
    assertThat(e.getCause()).isInstanceOf(SQLException.class);
    assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("XX000");
  }

  @Test
  void translate_cleanDriverMessage_chainsOriginalCause() {
    SQLException clean = new SQLException("Connection refused", "08001", new ConnectException("Connection refused"));
    PgferryException e = ConnectFailures.translate(clean, "h:1", "db", "bob", true, SECRETS);
    assertThat(e.getCause()).isSameAs(clean);
    assertThat(e.code()).isEqualTo(Code.CONNECTION);
    assertThat(e.getMessage()).isEqualTo("cannot reach h:1: connection refused — is the server running and accepting "
        + "TCP connections? (SQLSTATE 08001)");
  }

  @Test
  void translate_unknownHost_saysSo() {
    SQLException e = new SQLException("The connection attempt failed.", "08001", new UnknownHostException("nohost"));
    assertThat(ConnectFailures.translate(e, "nohost:5432", "db", "bob", true, SECRETS).getMessage())
        .startsWith("cannot reach nohost:5432: unknown host");
  }

  @Test
  void translate_timeout_saysSo() {
    SQLException e = new SQLException("The connection attempt failed.", "08001", new SocketTimeoutException("connect timed out"));
    assertThat(ConnectFailures.translate(e, "h:5432", "db", "bob", true, SECRETS).getMessage())
        .startsWith("cannot reach h:5432: timed out");
  }

  @Test
  void translate_noPasswordGiven_isAuthenticationWithHint() {
    SQLException e = new SQLException(
        "The server requested SCRAM-based authentication, but no password was provided.", "08004");
    PgferryException p = ConnectFailures.translate(e, "h:5432", "db", "bob", false, SECRETS);
    assertThat(p.code()).isEqualTo(Code.AUTHENTICATION);
    assertThat(p.getMessage()).contains("wants a password for user \"bob\"").contains(".pgpass");
  }

  @Test
  void translate_hbaRejection_isAuthentication() {
    SQLException e = new SQLException("FATAL: no pg_hba.conf entry for host", "28000");
    PgferryException p = ConnectFailures.translate(e, "h:5432", "db", "bob", true, SECRETS);
    assertThat(p.code()).isEqualTo(Code.AUTHENTICATION);
    assertThat(p.getMessage()).startsWith("authentication rejected for user \"bob\" on h:5432/db").endsWith("(SQLSTATE 28000)");
  }

  @Test
  void scrub_encodedForms_areMasked() {
    assertThat(ConnectFailures.scrub("a Hunter2! b Hunter2%21 c", SECRETS)).isEqualTo("a **** b **** c");
  }
}
