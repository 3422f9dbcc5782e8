package io.pgferry.cli;

import io.pgferry.extractor.PgferryException;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --help of every command has examples and the exit-code table; the table matches PgferryException.Code. */
class CliHelpTest {
  private static final Pattern ROW = Pattern.compile("^\\s+(\\d+)\\s+(\\S.*)$", Pattern.MULTILINE);

  @TempDir Path home;

  @ParameterizedTest(name = "pgferry {0} --help")
  @ValueSource(strings = {"", "clone", "run", "demo", "sync", "status", "scan", "preview", "diff", "schema-sync"})
  void help_anyCommand_exits0WithExamplesAndExitCodes(String command) {
    String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
    Cli.Result r = Cli.run(home, args);
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("Usage: pgferry" + (command.isEmpty() ? "" : " " + command))
        .contains("Examples:").contains(ExitCodes.TEXT);
    String examples = r.out().substring(r.out().indexOf("Examples:"));
    assertThat(examples).as("at least one example runs this command").contains("pgferry " + command);
  }

  @ParameterizedTest(name = "pgferry help {0}")
  @ValueSource(strings = {"clone", "run", "demo", "sync", "status", "scan", "preview", "diff", "schema-sync"})
  void helpSubcommand_anyCommand_printsTheSameAsDashDashHelp(String command) {
    assertThat(Cli.run(home, "help", command).out()).isEqualTo(Cli.run(home, command, "--help").out());
  }

  @Test
  void exitCodeTable_listsExactlyTheCodesOfPgferryException() {
    Map<Integer, String> table = new LinkedHashMap<>();
    Matcher m = ROW.matcher(ExitCodes.TEXT);
    while (m.find()) {
      assertThat(table.put(Integer.parseInt(m.group(1)), m.group(2))).as("code %s listed twice", m.group(1)).isNull();
    }
    assertThat(table.remove(0)).as("success").isEqualTo("success");
    assertThat(table.keySet()).containsExactlyElementsOf(
        Arrays.stream(PgferryException.Code.values()).map(ExitCodes::of).toList());
    for (PgferryException.Code c : PgferryException.Code.values()) {
      assertThat(table.get(ExitCodes.of(c))).as("summary of %s", c).startsWith(c.summary());
    }
  }

  @Test
  void readmeExitCodeTable_listsExactlyTheCodesOfPgferryException() throws java.io.IOException {
    String readme = java.nio.file.Files.readString(Path.of("..", "README.md"));
    Matcher m = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|\\s*(.+?)\\s*\\|$", Pattern.MULTILINE).matcher(readme);
    Map<Integer, String> table = new LinkedHashMap<>();
    while (m.find()) {
      table.put(Integer.parseInt(m.group(1)), m.group(2));
    }
    assertThat(table.remove(0)).isEqualTo("success");
    assertThat(table.keySet()).containsExactlyElementsOf(
        Arrays.stream(PgferryException.Code.values()).map(ExitCodes::of).toList());
    for (PgferryException.Code c : PgferryException.Code.values()) {
      assertThat(table.get(ExitCodes.of(c)).replace("`", "")).as("README summary of %s", c).startsWith(c.summary());
    }
  }

  @Test
  void exitCodes_areDistinctAndFitAProcessExitStatus() {
    assertThat(Arrays.stream(PgferryException.Code.values()).map(ExitCodes::of))
        .doesNotHaveDuplicates().allSatisfy(c -> assertThat(c).isBetween(1, 255));
  }

  @Test
  void version_printsPgferryAndJava() {
    Cli.Result r = Cli.run(home, "--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("pgferry ").contains("Java ");
  }

  @Test
  void noCommand_exits2WithHelpHint() {
    Cli.Result r = Cli.run(home).assertOneLineError(2, null);
    assertThat(r.error()).contains("Missing required subcommand");
    assertThat(r.err()).contains("Try 'pgferry --help' for usage.");
  }
}
