package io.pgferry.extractor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks, before anything is changed, that the target can install the extensions a clone needs: the
 * orchestrator fails with one clear message instead of half-way through the base DDL.
 */
public final class Extensions {
  /** The trailing {@code VERSION '…'} of the statement {@link TypeObjectsReader} writes. */
  private static final Pattern VERSION = Pattern.compile("VERSION (E?)'((?:[^']|'')*)'$");

  private Extensions() {}

  /**
   * An extension the target cannot provide as the source has it.
   *
   * @param version the source's version, or null when unknown
   * @param reason why, for the error message
   */
  public record Unavailable(String name, String version, String reason) {
    @Override
    public String toString() {
      return name + (version == null ? "" : " " + version) + " (" + reason + ")";
    }
  }

  /**
   * The extensions among {@code objects} (others are ignored) that the target cannot provide as on the
   * source: not available at all, not available in the source's version, or already installed in another
   * version (then {@code CREATE EXTENSION IF NOT EXISTS} would keep the wrong one). Sorted by name;
   * empty when all is well.
   */
  public static List<Unavailable> missingOn(Connection target, List<SchemaObject> objects) throws SQLException {
    Map<String, String> wanted = new HashMap<>();
    for (SchemaObject o : objects) {
      if (o.key().type().equals("extension") && o.key().names().size() == 1) {
        wanted.put(o.key().names().get(0), version(o));
      }
    }
    if (wanted.isEmpty()) {
      return List.of();
    }
    Map<String, Set<String>> available = new HashMap<>();
    Map<String, String> installed = new HashMap<>();
    String sql = """
        SELECT v.name, v.version, x.extversion
        FROM pg_available_extension_versions v LEFT JOIN pg_extension x ON x.extname = v.name
        WHERE v.name = ANY (?)""";
    try (PreparedStatement p = target.prepareStatement(sql)) {
      p.setArray(1, target.createArrayOf("text", wanted.keySet().toArray()));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          available.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
          if (rs.getString(3) != null) {
            installed.put(rs.getString(1), rs.getString(3));
          }
        }
      }
    }
    List<Unavailable> missing = new ArrayList<>();
    for (Map.Entry<String, String> e : wanted.entrySet()) {
      String name = e.getKey();
      String version = e.getValue();
      if (!available.containsKey(name)) {
        missing.add(new Unavailable(name, version, "not available on the target server"));
      } else if (version != null && installed.containsKey(name) && !installed.get(name).equals(version)) {
        missing.add(new Unavailable(name, version, "the target has " + installed.get(name) + " installed"));
      } else if (version != null && !installed.containsKey(name) && !available.get(name).contains(version)) {
        missing.add(new Unavailable(name, version, "the target server offers only "
            + String.join(", ", available.get(name).stream().sorted().toList())));
      }
    }
    missing.sort(Comparator.comparing(Unavailable::name));
    return missing;
  }

  /** The version an extension object installs, or null when its statement names none. */
  static String version(SchemaObject extension) {
    String last = extension.statements().isEmpty() ? "" : extension.statements().get(0);
    Matcher m = VERSION.matcher(last);
    if (!m.find()) {
      return null;
    }
    String v = m.group(2).replace("''", "'");
    return m.group(1).isEmpty() ? v : v.replace("\\\\", "\\");
  }
}
