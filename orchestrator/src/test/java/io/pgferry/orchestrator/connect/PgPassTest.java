package io.pgferry.orchestrator.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PgPassTest {
  @TempDir Path home;

  private final List<String> warnings = new ArrayList<>();

  private Path write(String name, String content, String perms) throws IOException {
    Path file = home.resolve(name);
    Files.writeString(file, content);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    }
    return file;
  }

  private String lookup(String content, String host, int port, String db, String user) throws IOException {
    return PgPass.lookup(write(".pgpass", content, "rw-------"), host, port, db, user, warnings::add);
  }

  static Stream<Arguments> matching() {
    return Stream.of(
        arguments("exact line", "h:5432:db:bob:pw\n", "h", 5432, "db", "bob", "pw"),
        arguments("no match", "h:5432:db:alice:pw\n", "h", 5432, "db", "bob", null),
        arguments("port compared textually", "h:5433:db:bob:pw\n", "h", 5432, "db", "bob", null),
        arguments("wildcards", "*:*:*:bob:pw\n", "anything", 1234, "any", "bob", "pw"),
        arguments("wildcard host only", "*:5432:db:bob:pw\n", "x", 5432, "db", "bob", "pw"),
        arguments("first match wins", "h:*:*:bob:first\n*:*:*:*:second\nh:5432:db:bob:third\n", "h", 5432, "db", "bob", "first"),
        arguments("comments and blank lines skipped", "# h:5432:db:bob:commented\n\nh:5432:db:bob:pw\n", "h", 5432, "db", "bob", "pw"),
        arguments("short lines skipped", "h:5432:db\nh:5432:db:bob:pw\n", "h", 5432, "db", "bob", "pw"),
        arguments("escaped colon in password", "h:5432:db:bob:a\\:b\\\\c\n", "h", 5432, "db", "bob", "a:b\\c"),
        arguments("unescaped colon in password kept", "h:5432:db:bob:a:b\n", "h", 5432, "db", "bob", "a:b"),
        arguments("escaped colon in database", "h:5432:my\\:db:bob:pw\n", "h", 5432, "my:db", "bob", "pw"),
        arguments("escaped star is literal", "\\*:5432:db:bob:pw\n", "h", 5432, "db", "bob", null),
        arguments("CRLF line endings", "h:5432:db:bob:pw\r\n", "h", 5432, "db", "bob", "pw"),
        arguments("host compared textually", "localhost:5432:db:bob:pw\n", "db.example.com", 5432, "db", "bob", null),
        arguments("127.0.0.1 also matches localhost", "localhost:5432:db:bob:pw\n", "127.0.0.1", 5432, "db", "bob", "pw"),
        arguments("::1 also matches localhost", "localhost:5432:db:bob:pw\n", "::1", 5432, "db", "bob", "pw"),
        arguments("exact loopback entry beats earlier localhost", "localhost:*:*:bob:alias\n127.0.0.1:*:*:bob:exact\n",
            "127.0.0.1", 5432, "db", "bob", "exact"),
        arguments("localhost does not match 127.0.0.1 entries", "127.0.0.1:5432:db:bob:pw\n", "localhost", 5432, "db", "bob", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matching")
  void lookup_entries_followLibpqMatching(String why, String content, String host, int port, String db, String user,
      String expected) throws IOException {
    assertThat(lookup(content, host, port, db, user)).isEqualTo(expected);
    assertThat(warnings).isEmpty();
  }

  @Test
  void lookup_missingFile_returnsNullSilently() {
    assertThat(PgPass.lookup(home.resolve("absent"), "h", 5432, "db", "bob", warnings::add)).isNull();
    assertThat(PgPass.lookup(null, "h", 5432, "db", "bob", warnings::add)).isNull();
    assertThat(warnings).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("tooOpen")
  void lookup_groupOrWorldAccessible_isIgnoredWithWarning(String perms) throws IOException {
    assumeTrue(home.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path file = write(".pgpass", "*:*:*:*:pw\n", perms);
    assertThat(PgPass.lookup(file, "h", 5432, "db", "bob", warnings::add)).isNull();
    assertThat(warnings).singleElement().asString().contains(file.toString()).contains("group or world access");
  }

  static Stream<String> tooOpen() {
    return Stream.of("rw-r--r--", "rw-r-----", "rw----r--", "rw-rw----");
  }

  @Test
  void lookup_ownerOnlyReadable_isUsed() throws IOException {
    assertThat(PgPass.lookup(write("p", "*:*:*:*:pw\n", "r--------"), "h", 1, "d", "u", warnings::add)).isEqualTo("pw");
  }

  @Test
  void resolve_noPasswordAnywhere_readsHomePgpass() throws IOException {
    write(".pgpass", "db.example.com:5433:shop:bob:fromfile\n", "rw-------");
    ConnectionSpec spec = ConnectionSpec.resolve(ConnectionInput.ofUrl("postgresql://bob@db.example.com:5433/shop"),
        "SOURCE", Map.of(), home);
    assertThat(spec.password()).isEqualTo("fromfile");
    assertThat(spec.hasPassword()).isTrue();
  }

  @Test
  void resolve_pgpassfileSet_readsItInsteadOfHome() throws IOException {
    write(".pgpass", "*:*:*:*:fromhome\n", "rw-------");
    Path other = write("elsewhere", "*:*:*:*:fromvar\n", "rw-------");
    ConnectionSpec spec = ConnectionSpec.resolve(ConnectionInput.ofUrl("postgresql://bob@h/db"), "SOURCE",
        Map.of("PGPASSFILE", other.toString()), home);
    assertThat(spec.password()).isEqualTo("fromvar");
  }

  @Test
  void resolve_passfileInUrl_beatsPgpassfile() throws IOException {
    Path a = write("a", "*:*:*:*:fromurl\n", "rw-------");
    Path b = write("b", "*:*:*:*:fromvar\n", "rw-------");
    ConnectionSpec spec = ConnectionSpec.resolve(ConnectionInput.ofUrl("host=h user=bob passfile='" + a + "'"),
        "SOURCE", Map.of("PGPASSFILE", b.toString()), home);
    assertThat(spec.password()).isEqualTo("fromurl");
  }

  @Test
  void resolve_passwordGiven_doesNotConsultPgpass() throws IOException {
    write(".pgpass", "*:*:*:*:fromfile\n", "rw-------");
    ConnectionSpec spec = ConnectionSpec.resolve(ConnectionInput.ofUrl("postgresql://bob@h/db"), "SOURCE",
        Map.of("PGPASSWORD", "fromenv"), home);
    assertThat(spec.password()).isEqualTo("fromenv");
  }

  @Test
  void resolve_defaultsOnly_pgpassMatchesResolvedDefaults() throws IOException {
    write(".pgpass", "localhost:5432:me:me:pw\n", "rw-------");
    ConnectionSpec spec = ConnectionSpec.resolve(ConnectionInput.empty(), "SOURCE", Map.of("USER", "me"), home);
    assertThat(spec.password()).isEqualTo("pw");
  }
}
