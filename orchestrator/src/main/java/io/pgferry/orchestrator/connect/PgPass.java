package io.pgferry.orchestrator.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Password lookup in a libpq password file, so users keep one {@code .pgpass} for psql and pgferry.
 * Matching is libpq's: {@code hostname:port:database:username:password}, fields compared textually,
 * {@code *} matches anything, {@code \:} and {@code \\} escapes, first matching line wins.
 */
final class PgPass {
  private PgPass() {}

  private static final Set<PosixFilePermission> GROUP_OR_WORLD = Set.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  /**
   * The password for these connection parameters, or null. A missing or unreadable file is not an error
   * (libpq treats it the same way: the server will simply ask for a password).
   *
   * <p>Our one extension: for a loopback address we also accept {@code localhost} entries, because
   * libpq users write {@code localhost} for what pgjdbc (TCP only) reaches as 127.0.0.1. Exact entries are
   * tried over the whole file first so the extension never shadows the line libpq itself would pick.
   */
  static String lookup(Path file, String host, int port, String database, String user, Consumer<String> warn) {
    if (file == null || !Files.isRegularFile(file)) {
      return null;
    }
    if (!privateEnough(file, warn)) {
      return null;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      warn.accept("could not read password file \"" + file + "\": " + e.getMessage());
      return null;
    }
    List<List<String>> entries = new ArrayList<>();
    for (String line : lines) {
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> fields = split(line);
      if (fields.size() >= 5) {
        entries.add(fields);
      }
    }
    String found = firstMatch(entries, host, port, database, user);
    if (found == null && (host.equals("127.0.0.1") || host.equals("::1"))) {
      found = firstMatch(entries, "localhost", port, database, user);
    }
    return found;
  }

  private static String firstMatch(List<List<String>> entries, String host, int port, String database, String user) {
    String portText = Integer.toString(port);
    for (List<String> f : entries) {
      if (matches(f.get(0), host) && matches(f.get(1), portText) && matches(f.get(2), database)
          && matches(f.get(3), user)) {
        return f.get(4);
      }
    }
    return null;
  }

  private static boolean matches(String field, String value) {
    return field == null || field.equals(value);
  }

  /**
   * Splits on unescaped colons and unescapes. A bare {@code *} becomes null (the wildcard) so that an escaped
   * {@code \*} still means a literal star, as in libpq. The password is everything after the fourth colon.
   */
  private static List<String> split(String line) {
    List<String> fields = new ArrayList<>(5);
    StringBuilder cur = new StringBuilder();
    boolean escaped = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        cur.append(line.charAt(++i));
        escaped = true;
      } else if (c == ':' && fields.size() < 4) {
        fields.add(!escaped && cur.toString().equals("*") ? null : cur.toString());
        cur.setLength(0);
        escaped = false;
      } else {
        cur.append(c);
      }
    }
    fields.add(cur.toString());
    return fields;
  }

  /** libpq ignores a password file others can read: a leaked file should not silently keep working. */
  private static boolean privateEnough(Path file, Consumer<String> warn) {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return true;
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.stream().anyMatch(GROUP_OR_WORLD::contains)) {
        warn.accept("password file \"" + file + "\" has group or world access; permissions should be "
            + "u=rw (0600) or less — ignoring it");
        return false;
      }
      return true;
    } catch (IOException e) {
      warn.accept("could not check permissions of password file \"" + file + "\": " + e.getMessage());
      return false;
    }
  }
}
