package io.pgferry.orchestrator.follow;

import io.pgferry.extractor.Option;
import io.pgferry.extractor.PgferryException;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.orchestrator.TableSelection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Before a follow goes on from the target's record, it checks that the record and the copy still belong to the source
 * and the slot: the same database of the same server, no change the slot has confirmed that the record lacks (a
 * target restored from an older backup would otherwise miss them silently), the publication's tables, and on the
 * target every table and column the stream writes, of the same type. The rows themselves cannot be compared: the
 * source has moved on since the recorded position.
 */
final class ExistingCopy {
  private ExistingCopy() {}

  /** What a check found wrong with the target's tables: one line per table or column. */
  record Mismatch(List<String> lines) {}

  /** The source's identity as the record keeps it: its server's system identifier and its database. */
  record Identity(String systemId, String database) {
    static Identity of(Connection source) throws SQLException {
      try (PreparedStatement p = source.prepareStatement("SELECT system_identifier::text, current_database() FROM pg_control_system()");
          ResultSet rs = p.executeQuery()) {
        rs.next();
        return new Identity(rs.getString(1), rs.getString(2));
      }
    }
  }

  /** Checks that the record was made from this source: the same database of the same server. */
  static void verifyIdentity(Connection source, Connection target, FollowOptions o) throws SQLException {
    Identity here = Identity.of(source);
    Identity there = FollowState.identity(target, o.slot());
    if (there == null) {
      FollowState.identify(target, o.slot(), here); // a record made before identities were kept learns its source now
    } else if (!there.equals(here)) {
      throw new PgferryException(PgferryException.Code.VERIFY, "the target follows slot " + o.slot() + " of database " + there.database()
          + " on server " + there.systemId() + ", not the source given (database " + here.database() + " on server " + here.systemId()
          + "): give that source, or another " + Option.SLOT.mention());
    }
  }

  /** Checks the slot against the record's position, and the publication; returns the followed tables (the publication's). */
  static List<QualifiedName> verifyPosition(Connection source, FollowOptions o, String recorded) throws SQLException {
    try (PreparedStatement p = source.prepareStatement("SELECT confirmed_flush_lsn::text, confirmed_flush_lsn > ?::pg_lsn"
        + " FROM pg_replication_slots WHERE slot_name = ? AND database = current_database()")) {
      p.setString(1, recorded);
      p.setString(2, o.slot());
      try (ResultSet rs = p.executeQuery()) {
        if (rs.next() && rs.getBoolean(2)) {
          throw new PgferryException(PgferryException.Code.VERIFY, "replication slot " + o.slot() + " has confirmed changes up to "
              + rs.getString(1) + ", but the target's record stops at " + recorded + " (was the target restored from an older state?):"
              + " the changes between are gone from the slot; start over (" + Option.CLEANUP.mention("true") + ", then follow again)");
        }
      }
    }
    if (!FollowSource.publication(source, o.slot())) {
      throw new PgferryException(PgferryException.Code.VERIFY, "the source no longer has publication " + o.slot() + ", which names the"
          + " followed tables; start over (" + Option.CLEANUP.mention("true") + ", then follow again)");
    }
    List<QualifiedName> published = published(source, o.slot());
    if (!o.include().isEmpty() || !o.exclude().isEmpty()) {
      Set<QualifiedName> selected = new LinkedHashSet<>(FollowSource.tables(source, TableSelection.of(o.include(), o.exclude())));
      Set<QualifiedName> roots = new LinkedHashSet<>(roots(source, o.slot()));
      if (!selected.equals(roots)) {
        Set<String> added = names(selected, roots);
        Set<String> dropped = names(roots, selected);
        throw new PgferryException(PgferryException.Code.CONFIG, "publication " + o.slot() + " follows the tables its first run chose;"
            + " the selection given now differs" + (added.isEmpty() ? "" : " (adds " + String.join(", ", added) + ")")
            + (dropped.isEmpty() ? "" : " (leaves out " + String.join(", ", dropped) + ")")
            + ": to follow another set, remove it (" + Option.CLEANUP.mention("true") + ") and start over, or use another " + Option.SLOT.mention());
      }
    }
    return published;
  }

  /**
   * The target's side: each followed table present. Columns are not compared here: the stream may still carry a
   * change of the source's schema made after the recorded position (the target is right to lack a column added
   * since), so each table's columns are checked against the target when the stream describes the table, before its
   * first change is applied.
   */
  static Mismatch verifyTarget(Connection target, List<QualifiedName> tables) throws SQLException {
    Set<QualifiedName> present = new LinkedHashSet<>();
    try (PreparedStatement p = target.prepareStatement("""
        SELECT n.nspname, k.relname FROM unnest(?::text[], ?::text[]) u(s, t) JOIN pg_namespace n ON n.nspname = u.s
        JOIN pg_class k ON k.relnamespace = n.oid AND k.relname = u.t AND k.relkind IN ('r', 'p')""")) {
      p.setArray(1, target.createArrayOf("text", tables.stream().map(QualifiedName::schema).toArray()));
      p.setArray(2, target.createArrayOf("text", tables.stream().map(QualifiedName::name).toArray()));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          present.add(QualifiedName.of(rs.getString(1), rs.getString(2)));
        }
      }
    }
    List<String> lines = new ArrayList<>();
    for (QualifiedName t : tables) {
      if (!present.contains(t)) {
        lines.add("table " + t + " is missing");
      }
    }
    return new Mismatch(lines);
  }

  /** One message for what {@link #verifyTarget} found, at most ten lines and a count. */
  static String describe(Mismatch m) {
    List<String> shown = m.lines().subList(0, Math.min(10, m.lines().size()));
    return String.join("; ", shown) + (m.lines().size() > shown.size() ? "; and " + (m.lines().size() - shown.size()) + " more" : "");
  }

  /** The tables the publication sends changes of: partitions of a published partitioned table are named one by one. */
  private static List<QualifiedName> published(Connection source, String pub) throws SQLException {
    List<QualifiedName> out = new ArrayList<>();
    try (PreparedStatement p = source.prepareStatement("SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = ? ORDER BY 1, 2")) {
      p.setString(1, pub);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(QualifiedName.of(rs.getString(1), rs.getString(2)));
        }
      }
    }
    return out;
  }

  /** The tables named when the publication was created (partitioned tables, not their partitions). */
  private static List<QualifiedName> roots(Connection source, String pub) throws SQLException {
    List<QualifiedName> out = new ArrayList<>();
    try (PreparedStatement p = source.prepareStatement("""
        SELECT n.nspname, c.relname FROM pg_publication_rel r JOIN pg_publication b ON b.oid = r.prpubid
        JOIN pg_class c ON c.oid = r.prrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE b.pubname = ? ORDER BY 1, 2""")) {
      p.setString(1, pub);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(QualifiedName.of(rs.getString(1), rs.getString(2)));
        }
      }
    }
    return out;
  }

  private static Set<String> names(Set<QualifiedName> a, Set<QualifiedName> b) {
    Set<String> out = new TreeSet<>();
    for (QualifiedName q : a) {
      if (!b.contains(q)) {
        out.add(q.toString());
      }
    }
    return out;
  }
}
