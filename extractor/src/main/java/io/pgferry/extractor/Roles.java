package io.pgferry.extractor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;

/**
 * Roles are cluster-wide and never cloned: the statements of policies, grants, default privileges and
 * owners name roles that must already exist on the target. These two calls let a clone fail before it
 * starts, with every missing name at once, instead of half-way through the seal phase.
 */
public final class Roles {
  private Roles() {}

  /**
   * Every role the security statements read from {@code source} would name (policy roles; with
   * {@code privileges} grantees, grantors and default-privilege roles; with {@code owners} owners).
   * PUBLIC is not a role and is never listed.
   */
  public static SortedSet<String> referencedBy(Connection source, boolean privileges, boolean owners) {
    try (Statement s = source.createStatement()) {
      String oldPath;
      try (ResultSet rs = s.executeQuery("SELECT current_setting('search_path')")) {
        rs.next();
        oldPath = rs.getString(1);
      }
      s.execute("SELECT set_config('search_path', '', false)");
      try {
        return SecurityObjectsReader.readAll(source, privileges, owners).roles();
      } finally {
        try (PreparedStatement p = source.prepareStatement("SELECT set_config('search_path', ?, false)")) {
          p.setString(1, oldPath);
          p.execute();
        }
      }
    } catch (SQLException e) {
      throw ExtractException.read("the roles referenced by policies, grants and owners", e);
    }
  }

  /** The names among {@code roles} that do not exist on {@code target}, in the given order. */
  public static List<String> missing(Connection target, Collection<String> roles) {
    List<String> out = new ArrayList<>();
    try (PreparedStatement p = target.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      for (String role : roles) {
        p.setString(1, role);
        try (ResultSet rs = p.executeQuery()) {
          if (!rs.next()) {
            out.add(role);
          }
        }
      }
    } catch (SQLException e) {
      throw new ExtractException(ExtractException.Reason.CATALOG_READ, "reading the target's roles failed: " + e.getMessage(), e);
    }
    return out;
  }

  /** A message for a user: which roles to create (or which option to drop) before cloning. */
  public static String missingMessage(List<String> missing) {
    return "the target has no role" + (missing.size() == 1 ? " " : "s ")
        + String.join(", ", missing.stream().map(Sql::ident).toList())
        + "; create " + (missing.size() == 1 ? "it" : "them")
        + " on the target first (roles are cluster-wide and are not cloned), or clone without " + Option.PRIVILEGES.mention() + "/" + Option.OWNERS.mention();
  }
}
