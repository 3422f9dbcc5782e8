package io.pgferry.orchestrator.connect;

import io.pgferry.extractor.PgferryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.pgferry.extractor.PgferryException.Code;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvFileTest {
  @TempDir Path dir;

  private Path file(String content) throws IOException {
    return Files.writeString(dir.resolve("test.env"), content);
  }

  static Stream<Arguments> values() {
    return Stream.of(
        arguments("A=b", "b"),
        arguments("A = b ", "b"),
        arguments("export A=b", "b"),
        arguments("A=", ""),
        arguments("A=b # comment", "b"),
        arguments("A=pa#ss", "pa#ss"),
        arguments("A=a=b=c", "a=b=c"),
        arguments("A='single $x \\n #not comment'", "single $x \\n #not comment"),
        arguments("A='v' # comment", "v"),
        arguments("A=\"line1\\nline2\\t\\\"q\\\" \\\\ \\$\"", "line1\nline2\t\"q\" \\ $"),
        arguments("A=\"keep \\x unknown\"", "keep \\x unknown"),
        arguments("A=\"has # hash\"", "has # hash"),
        arguments("A=postgresql://u:p@h/db?sslmode=require", "postgresql://u:p@h/db?sslmode=require"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void read_line_parsesValueLikeCompose(String line, String expected) throws IOException {
    assertThat(EnvFile.read(file(line + "\n"))).containsExactly(Map.entry("A", expected));
  }

  @Test
  void read_wholeFile_keepsOrderSkipsCommentsAndLastDuplicateWins() throws IOException {
    Path f = file("""
        # pgferry settings

        SOURCE_DB_HOST=db1
          export TARGET_DB_HOST='db2'
        SOURCE_DB_HOST=db3
        """);
    assertThat(EnvFile.read(f)).containsExactly(Map.entry("SOURCE_DB_HOST", "db3"), Map.entry("TARGET_DB_HOST", "db2"));
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        arguments("OK=1\nNOEQUALS\n", 2, "expected KEY=value"),
        arguments("OK=1\n\n1BAD=x\n", 3, "invalid variable name \"1BAD\""),
        arguments("A='open\n", 1, "unterminated single-quoted value for A"),
        arguments("# c\nA=\"open\n", 2, "unterminated double-quoted value for A"),
        arguments("A=\"v\" trailing\n", 1, "unexpected text after the quoted value of A"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("errors")
  void read_syntaxError_throwsConfigWithFileAndLine(String content, int line, String fragment) throws IOException {
    Path f = file(content);
    assertThatThrownBy(() -> EnvFile.read(f))
        .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(Code.CONFIG))
        .hasMessage(f + ":" + line + ": " + fragment);
  }

  @Test
  void read_missingFile_throwsConfigNamingFile() {
    Path missing = dir.resolve("nope.env");
    assertThatThrownBy(() -> EnvFile.read(missing))
        .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(Code.CONFIG))
        .hasMessageContaining(missing.toString());
  }

  @Test
  void overlay_sameKey_processEnvWins() {
    Map<String, String> merged = EnvFile.overlay(Map.of("A", "file", "B", "file"), Map.of("A", "process", "C", "process"));
    assertThat(merged).containsOnly(Map.entry("A", "process"), Map.entry("B", "file"), Map.entry("C", "process"));
  }
}
