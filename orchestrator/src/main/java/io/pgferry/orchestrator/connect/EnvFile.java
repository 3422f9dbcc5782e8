package io.pgferry.orchestrator.connect;

import io.pgferry.extractor.PgferryException;

import io.pgferry.extractor.PgferryException.Code;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a {@code .env} file for {@code --env FILE}, in the dialect docker compose and most dotenv tools
 * share, so the file a team already keeps for compose works unchanged:
 *
 * <ul>
 *   <li>{@code KEY=value}, optionally preceded by {@code export }; blank lines and {@code #} comment lines;
 *   <li>unquoted values are trimmed and end at {@code " #"} (an inline comment);
 *   <li>{@code 'single quoted'} values are taken literally;
 *   <li>{@code "double quoted"} values understand {@code \n}, {@code \r}, {@code \t}, {@code \"}, {@code \\}
 *       and {@code \$};
 *   <li>a later line for the same key wins.
 * </ul>
 *
 * <p><b>Precedence:</b> the process environment wins over the file, as in docker compose, so a one-off
 * {@code SOURCE_DB_PASSWORD=… pgferry …} overrides the team's file; see {@link #overlay}.
 */
public final class EnvFile {
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

  private EnvFile() {}

  /**
   * @return keys in file order
   * @throws PgferryException CONFIG naming {@code file:line} for a syntax error or an unreadable file
   */
  public static Map<String, String> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new PgferryException(Code.CONFIG, "env file " + file + " does not exist", e);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new PgferryException(Code.CONFIG, "env file " + file + " is not UTF-8 text", e);
    } catch (IOException e) {
      // The message, not the exception's toString(): users read this line, a class name does not help them.
      throw new PgferryException(Code.CONFIG, "cannot read env file " + file + " (" + e.getMessage() + ")", e);
    }
    Map<String, String> vars = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      parseLine(lines.get(i), file + ":" + (i + 1), vars);
    }
    return vars;
  }

  /** The effective environment: {@code fromFile} with every variable of {@code processEnv} laid over it. */
  public static Map<String, String> overlay(Map<String, String> fromFile, Map<String, String> processEnv) {
    Map<String, String> merged = new LinkedHashMap<>(fromFile);
    merged.putAll(processEnv);
    return merged;
  }

  private static void parseLine(String raw, String where, Map<String, String> vars) {
    String line = raw.strip();
    if (line.isEmpty() || line.startsWith("#")) {
      return;
    }
    if (line.startsWith("export ") || line.startsWith("export\t")) {
      line = line.substring(7).strip();
    }
    int eq = line.indexOf('=');
    if (eq < 0) {
      throw error(where, "expected KEY=value");
    }
    String key = line.substring(0, eq).strip();
    if (!KEY.matcher(key).matches()) {
      throw error(where, "invalid variable name \"" + key + "\"");
    }
    String rest = line.substring(eq + 1).stripLeading();
    String value;
    if (rest.startsWith("'")) {
      int close = rest.indexOf('\'', 1);
      if (close < 0) {
        throw error(where, "unterminated single-quoted value for " + key);
      }
      value = rest.substring(1, close);
      checkTrailing(rest.substring(close + 1), where, key);
    } else if (rest.startsWith("\"")) {
      StringBuilder sb = new StringBuilder();
      int i = 1;
      boolean closed = false;
      while (i < rest.length()) {
        char c = rest.charAt(i++);
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\' && i < rest.length()) {
          char e = rest.charAt(i++);
          switch (e) {
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case '"', '\\', '$' -> sb.append(e);
            default -> sb.append('\\').append(e); // unknown escapes stay as written, like compose
          }
        } else {
          sb.append(c);
        }
      }
      if (!closed) {
        throw error(where, "unterminated double-quoted value for " + key);
      }
      value = sb.toString();
      checkTrailing(rest.substring(i), where, key);
    } else {
      int comment = indexOfInlineComment(rest);
      value = (comment < 0 ? rest : rest.substring(0, comment)).strip();
    }
    vars.put(key, value);
  }

  /** {@code #} starts a comment only after whitespace, so {@code pa#ss} stays a value. */
  private static int indexOfInlineComment(String s) {
    for (int i = 1; i < s.length(); i++) {
      if (s.charAt(i) == '#' && Character.isWhitespace(s.charAt(i - 1))) {
        return i;
      }
    }
    return -1;
  }

  private static void checkTrailing(String after, String where, String key) {
    String t = after.strip();
    if (!t.isEmpty() && !t.startsWith("#")) {
      throw error(where, "unexpected text after the quoted value of " + key);
    }
  }

  private static PgferryException error(String where, String message) {
    return new PgferryException(Code.CONFIG, where + ": " + message);
  }
}
