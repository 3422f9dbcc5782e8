package io.pgferry.orchestrator.connect;

import io.pgferry.extractor.PgferryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.PgferryException.Code;
import io.pgferry.testkit.PasswordRole;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real server: {@link PasswordRole} makes TCP logins of role {@code bob} go through scram-sha-256
 * (the embedded server otherwise trusts every local connection) and undoes that after the class.
 */
class ConnectionSpecIntegrationTest {
  private static final String PASSWORD = "S3cret!";
  private static final String WRONG = "Wr0ngPassw0rd";

  private static TestDatabase db;
  private static PasswordRole bob;

  @TempDir Path home;

  @BeforeAll
  static void setUp() {
    db = TestDatabase.create(PostgresServers.source(), "conn");
    bob = PasswordRole.create(db.server(), "bob", PASSWORD);
  }

  @AfterAll
  static void tearDown() {
    if (bob != null) {
      bob.close();
    }
    db.close();
  }

  private static String scalar(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static ConnectionSpec spec(String password) {
    ConnectionInput in = new ConnectionInput(
        "postgresql://bob@127.0.0.1:" + db.port() + "/" + db.name(), null, null, null, null, password, null);
    return ConnectionSpec.resolve(in, "SOURCE", Map.of(), Path.of("/nonexistent-home"));
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  @Test
  void open_rightPassword_connectsAsThatUserWithApplicationName() throws SQLException {
    try (Connection c = spec(PASSWORD).open("pgferry-test"); Statement s = c.createStatement()) {
      assertThat(scalar(s, "SELECT current_user")).isEqualTo("bob");
      assertThat(scalar(s, "SELECT current_database()")).isEqualTo(db.name());
      assertThat(scalar(s, "SELECT current_setting('application_name')")).isEqualTo("pgferry-test");
      // system_user exists from PostgreSQL 16; before that the wrong-password test shows trust is not in play.
      if (Integer.parseInt(scalar(s, "SHOW server_version_num")) >= 160000) {
        assertThat(scalar(s, "SELECT system_user")).as("the scram rule, not trust, admitted us")
            .isEqualTo("scram-sha-256:bob");
      }
    }
  }

  @Test
  void open_userApplicationName_winsOverCallersFallback() throws SQLException {
    ConnectionSpec spec = ConnectionSpec.resolve(ConnectionInput.ofUrl("postgresql://bob:S3cret%21@127.0.0.1:"
        + db.port() + "/" + db.name() + "?application_name=mine"), "SOURCE", Map.of(), home);
    try (Connection c = spec.open("pgferry"); Statement s = c.createStatement()) {
      assertThat(scalar(s, "SELECT current_setting('application_name')")).isEqualTo("mine");
    }
  }

  @Test
  void open_wrongPassword_throwsAuthenticationWithoutThePassword() {
    ConnectionSpec spec = spec(WRONG);
    assertThatThrownBy(() -> spec.open("pgferry-test"))
        .isInstanceOfSatisfying(PgferryException.class, e -> {
          assertThat(e.code()).isEqualTo(Code.AUTHENTICATION);
          assertThat(e.getMessage()).isEqualTo("password authentication failed for user \"bob\" on 127.0.0.1:"
              + db.port() + "/" + db.name() + " (SQLSTATE 28P01)");
          assertThat(stackTrace(e)).doesNotContain(WRONG);
          assertThat(e.getCause()).isInstanceOf(SQLException.class);
        });
  }

  @Test
  void open_noPasswordAnywhere_throwsAuthenticationWithHint() {
    ConnectionSpec spec = spec(null);
    assertThat(spec.hasPassword()).isFalse();
    assertThatThrownBy(() -> spec.open("pgferry-test"))
        .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(Code.AUTHENTICATION))
        .hasMessageContaining("user \"bob\"");
  }

  @Test
  void open_passwordFromPgpass_connects() throws Exception {
    Path pgpass = home.resolve(".pgpass");
    Files.writeString(pgpass, "# test\nlocalhost:" + db.port() + ":*:bob:" + PASSWORD + "\n");
    Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
    ConnectionSpec spec = ConnectionSpec.resolve(
        ConnectionInput.ofUrl("host=127.0.0.1 port=" + db.port() + " user=bob dbname=" + db.name()), "SOURCE",
        Map.of(), home);
    assertThat(spec.hasPassword()).isTrue();
    try (Connection c = spec.open("pgferry-test"); Statement s = c.createStatement()) {
      assertThat(scalar(s, "SELECT current_user")).isEqualTo("bob");
    }
  }

  @Test
  void open_unknownDatabase_throwsConnectionNamingIt() {
    ConnectionSpec spec = ConnectionSpec.resolve(
        ConnectionInput.ofUrl("postgresql://postgres@127.0.0.1:" + db.port() + "/no_such_db_here"), "TARGET", Map.of(), home);
    assertThatThrownBy(() -> spec.open("pgferry-test"))
        .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(Code.CONNECTION))
        .hasMessage("database \"no_such_db_here\" does not exist on 127.0.0.1:" + db.port() + " (SQLSTATE 3D000)");
  }

  @Test
  void open_closedPort_throwsConnectionCannotReach() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ConnectionSpec spec = ConnectionSpec.resolve(
        new ConnectionInput(null, "127.0.0.1", port, "x", "bob", PASSWORD, null), "SOURCE", Map.of(), home);
    assertThatThrownBy(() -> spec.open("pgferry-test"))
        .isInstanceOfSatisfying(PgferryException.class, e -> {
          assertThat(e.code()).isEqualTo(Code.CONNECTION);
          assertThat(stackTrace(e)).doesNotContain(PASSWORD);
        })
        .hasMessageStartingWith("cannot reach 127.0.0.1:" + port + ": connection refused")
        .hasMessageContaining("SQLSTATE 08001");
  }

  @Test
  void jdbcUrl_resolvedSpec_isUsableWithoutThePasswordInIt() throws SQLException {
    ConnectionSpec spec = ConnectionSpec.resolve(ConnectionInput.ofUrl(
        "postgresql://postgres:unused@127.0.0.1:" + db.port() + "/" + db.name() + "?sslmode=disable"), "SOURCE",
        Map.of(), home);
    assertThat(spec.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + db.port() + "/" + db.name() + "?sslmode=disable")
        .doesNotContain("unused");
    try (Connection c = java.sql.DriverManager.getConnection(spec.jdbcUrl() + "&user=postgres")) {
      assertThat(c.isValid(5)).isTrue();
    }
  }
}
