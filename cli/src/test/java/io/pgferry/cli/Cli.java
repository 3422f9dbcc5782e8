package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process with an injected environment and home, capturing stdout and stderr. */
final class Cli {
  private Cli() {}

  /** What one run printed and returned. */
  record Result(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }

    /**
     * The error contract: exactly one {@code pgferry: error: …} line, followed by at most one hint line
     * and nothing else; no stack trace; and {@code secret} (if not null) printed nowhere.
     */
    Result assertOneLineError(int expectedCode, String secret) {
      assertThat(code).as("exit code; stderr was:%n%s", err).isEqualTo(expectedCode);
      List<String> lines = errLines();
      List<String> errors = lines.stream().filter(l -> l.startsWith("pgferry: error: ")).toList();
      assertThat(errors).as("stderr:%n%s", err).hasSize(1);
      int at = lines.indexOf(errors.get(0));
      assertThat(lines.size() - at).as("lines from the error line on; stderr:%n%s", err).isBetween(1, 2);
      assertNoStackTrace();
      if (secret != null) {
        assertThat(err).doesNotContain(secret);
        assertThat(out).doesNotContain(secret);
      }
      return this;
    }

    void assertNoStackTrace() {
      assertThat(err).as("stderr").doesNotContain("\tat ").doesNotContain("Exception:").doesNotContain("Exception\n");
    }

    /** The {@code pgferry: error:} line without its prefix. */
    String error() {
      return errLines().stream().filter(l -> l.startsWith("pgferry: error: ")).findFirst()
          .map(l -> l.substring("pgferry: error: ".length())).orElseThrow(() -> new AssertionError("no error line in:\n" + err));
    }
  }

  static Result run(Map<String, String> env, Path home, String... args) {
    return runWithInput("", env, home, args);
  }

  /** A run whose standard input holds {@code stdin}. */
  static Result runWithInput(String stdin, Map<String, String> env, Path home, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, env, home, o, e, new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    }
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A run with an empty environment and a home without .pgpass. */
  static Result run(Path home, String... args) {
    return run(Map.of(), home, args);
  }

  /** The demo shop database (shop.sql, bundled with the CLI) on the source server. */
  static TestDatabase shop(String prefix) {
    return TestDatabase.create(PostgresServers.source(), prefix).executeResource("/io/pgferry/demo/shop.sql");
  }

  /** An empty database on the target server. */
  static TestDatabase emptyTarget() {
    return TestDatabase.create(PostgresServers.target(), "cli_target");
  }

  /** Row counts of the shop's tables, in a fixed order, for before/after comparisons. */
  static List<String> shopCounts(TestDatabase db) {
    return db.query("SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM products), (SELECT count(*) FROM orders),"
        + " (SELECT count(*) FROM order_items), (SELECT count(*) FROM \"Customer Notes\")").get(0);
  }
}
