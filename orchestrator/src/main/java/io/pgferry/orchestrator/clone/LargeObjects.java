package io.pgferry.orchestrator.clone;

import io.pgferry.extractor.PgferryException;

import io.pgferry.applier.Applier;
import io.pgferry.extractor.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Large objects: not rows of any table but data all the same (a table's {@code oid} column points at them),
 * so a clone that left them out would lose data. Each is created in the target under the same OID and
 * filled a chunk at a time, read on the source inside the clone's snapshot, so memory stays bounded whatever
 * the object's size; with {@code --owner} it gets its owner, with {@code --privileges} its grants, and its
 * comment always.
 */
final class LargeObjects {
  private LargeObjects() {}

  /** Bytes read and written per round trip. */
  static final int CHUNK = 1 << 20;

  /** One large object of the source. */
  record Item(long oid, String owner, String comment, List<String> grants) {}

  /** Every large object of the source, read in the snapshot transaction on {@code source}. */
  static List<Item> list(Connection source) throws SQLException {
    String sql = """
        SELECT m.oid::int8, pg_get_userbyid(m.lomowner), obj_description(m.oid, 'pg_largeobject'),
               ARRAY(SELECT format('GRANT %s ON LARGE OBJECT %s TO %s%s', a.privilege_type, m.oid,
                                   CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END,
                                   CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
                     FROM aclexplode(m.lomacl) a WHERE a.grantee <> m.lomowner)
        FROM pg_largeobject_metadata m ORDER BY 1""";
    List<Item> out = new ArrayList<>();
    try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        Object[] grants = (Object[]) rs.getArray(4).getArray();
        out.add(new Item(rs.getLong(1), rs.getString(2), rs.getString(3),
            java.util.Arrays.stream(grants).map(String::valueOf).toList()));
      }
    }
    return out;
  }

  /** Their keys as the coverage guard names them. */
  static java.util.Set<io.pgferry.extractor.ObjectKey> keys(List<Item> items) {
    java.util.Set<io.pgferry.extractor.ObjectKey> out = new java.util.HashSet<>();
    items.forEach(i -> out.add(new io.pgferry.extractor.ObjectKey("large object", List.of(String.valueOf(i.oid())), List.of())));
    return out;
  }

  /** Those of {@code items} whose OID the target already uses. */
  static List<Long> existing(Connection target, List<Item> items) throws SQLException {
    if (items.isEmpty()) {
      return List.of();
    }
    try (PreparedStatement p = target.prepareStatement("SELECT oid::int8 FROM pg_largeobject_metadata WHERE oid = ANY (?::oid[])")) {
      p.setArray(1, target.createArrayOf("int8", items.stream().map(Item::oid).toArray()));
      List<Long> out = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
      return out;
    }
  }

  /**
   * Copies every object; {@code created} receives each OID as soon as the target has it, so an undo after a
   * failure half-way unlinks exactly those. Returns the bytes copied.
   */
  static long copy(Connection source, Connection target, List<Item> items, boolean owners, boolean privileges, List<Long> created)
      throws SQLException {
    long bytes = 0;
    boolean auto = target.getAutoCommit();
    try (PreparedStatement read = source.prepareStatement("SELECT lo_get(?::oid, ?, ?)");
        PreparedStatement make = target.prepareStatement("SELECT lo_create(?::oid)");
        PreparedStatement write = target.prepareStatement("SELECT lo_put(?::oid, ?, ?)")) {
      for (Item lo : items) {
        target.setAutoCommit(false);
        make.setLong(1, lo.oid());
        make.execute();
        created.add(lo.oid());
        for (long offset = 0; ; offset += CHUNK) {
          read.setLong(1, lo.oid());
          read.setLong(2, offset);
          read.setInt(3, CHUNK);
          byte[] data;
          try (ResultSet rs = read.executeQuery()) {
            rs.next();
            data = rs.getBytes(1);
          }
          if (data.length > 0) {
            write.setLong(1, lo.oid());
            write.setLong(2, offset);
            write.setBytes(3, data);
            write.execute();
            bytes += data.length;
          }
          if (data.length < CHUNK) {
            break;
          }
        }
        try (Statement s = target.createStatement()) {
          if (owners) {
            s.execute("ALTER LARGE OBJECT " + lo.oid() + " OWNER TO " + Sql.ident(lo.owner()));
          }
          if (privileges) {
            for (String g : lo.grants()) {
              s.execute(g);
            }
          }
          if (lo.comment() != null) {
            s.execute("COMMENT ON LARGE OBJECT " + lo.oid() + " IS " + Sql.literal(lo.comment()));
          }
        }
        target.commit();
      }
    } catch (SQLException e) {
      try {
        target.rollback();
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      throw e;
    } finally {
      target.setAutoCommit(auto);
    }
    return bytes;
  }

  /** Unlinks those of {@code oids} the target has (the undo of a failed run). */
  static void unlink(Connection target, List<Long> oids) {
    if (oids.isEmpty()) {
      return;
    }
    try (PreparedStatement p = target.prepareStatement(
        "SELECT lo_unlink(m.oid) FROM pg_largeobject_metadata m WHERE m.oid = ANY (?::oid[])")) {
      if (!target.getAutoCommit()) {
        target.rollback();
        target.setAutoCommit(true);
      }
      p.setArray(1, target.createArrayOf("int8", oids.toArray()));
      p.execute();
    } catch (SQLException e) {
      throw new PgferryException(PgferryException.Code.INTERNAL, "could not remove the large objects this run created; the target"
          + " is not as before: " + Applier.describe(e), e);
    }
  }
}
