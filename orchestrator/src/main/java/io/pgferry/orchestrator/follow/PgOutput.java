package io.pgferry.orchestrator.follow;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the messages of PostgreSQL's {@code pgoutput} plugin, protocol version 1 (PostgreSQL 10 on): what a
 * logical replication slot streams for a publication. Values arrive in their text form, as {@code COPY} and
 * bind parameters carry them.
 */
final class PgOutput {
  private PgOutput() {}

  sealed interface Message permits Begin, Commit, Relation, Insert, Update, Delete, Truncate, Other {}

  record Begin(long finalLsn, int xid) implements Message {}

  record Commit(long commitLsn, long endLsn) implements Message {}

  /** A column: its name, type oid, and whether it is part of the replica identity (the key). */
  record Column(String name, int typeOid, boolean key) {}

  record Relation(int oid, String schema, String name, char identity, List<Column> columns) implements Message {}

  /** A row's values: text, or null for SQL NULL; {@link #UNCHANGED} for an unchanged TOASTed value. */
  record Tuple(List<String> values) {}

  /** The marker of a value the update did not change and the stream did not send (a TOASTed value). */
  static final String UNCHANGED = new String("\u0000unchanged toast");

  record Insert(int relation, Tuple row) implements Message {}

  /** @param old the old key ('K') or whole old row ('O', replica identity full), or null when the key did not change */
  record Update(int relation, Tuple old, boolean oldIsKey, Tuple row) implements Message {}

  record Delete(int relation, Tuple old, boolean oldIsKey) implements Message {}

  record Truncate(List<Integer> relations, boolean cascade, boolean restartIdentity) implements Message {}

  /** Origin, type and message records: nothing to apply. */
  record Other(char kind) implements Message {}

  static Message decode(ByteBuffer b) {
    char kind = (char) b.get();
    return switch (kind) {
      case 'B' -> {
        long lsn = b.getLong();
        b.getLong(); // commit time
        yield new Begin(lsn, b.getInt());
      }
      case 'C' -> {
        b.get(); // flags
        long commit = b.getLong();
        long end = b.getLong();
        b.getLong(); // commit time
        yield new Commit(commit, end);
      }
      case 'R' -> {
        int oid = b.getInt();
        String schema = string(b);
        String name = string(b);
        char identity = (char) b.get();
        int n = b.getShort();
        List<Column> cols = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          boolean key = (b.get() & 1) != 0;
          String col = string(b);
          int type = b.getInt();
          b.getInt(); // type modifier
          cols.add(new Column(col, type, key));
        }
        yield new Relation(oid, schema.isEmpty() ? "pg_catalog" : schema, name, identity, cols);
      }
      case 'I' -> {
        int rel = b.getInt();
        b.get(); // 'N'
        yield new Insert(rel, tuple(b));
      }
      case 'U' -> {
        int rel = b.getInt();
        char next = (char) b.get();
        Tuple old = null;
        boolean key = false;
        if (next == 'K' || next == 'O') {
          key = next == 'K';
          old = tuple(b);
          next = (char) b.get();
        }
        if (next != 'N') {
          throw new IllegalStateException("pgoutput: an update without its new row ('" + next + "')");
        }
        yield new Update(rel, old, key, tuple(b));
      }
      case 'D' -> {
        int rel = b.getInt();
        char next = (char) b.get();
        yield new Delete(rel, tuple(b), next == 'K');
      }
      case 'T' -> {
        int n = b.getInt();
        int options = b.get();
        List<Integer> rels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          rels.add(b.getInt());
        }
        yield new Truncate(rels, (options & 1) != 0, (options & 2) != 0);
      }
      default -> new Other(kind);
    };
  }

  private static Tuple tuple(ByteBuffer b) {
    int n = b.getShort();
    List<String> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      char kind = (char) b.get();
      switch (kind) {
        case 'n' -> values.add(null);
        case 'u' -> values.add(UNCHANGED);
        case 't' -> {
          int len = b.getInt();
          byte[] bytes = new byte[len];
          b.get(bytes);
          values.add(new String(bytes, StandardCharsets.UTF_8));
        }
        default -> throw new IllegalStateException("pgoutput: unknown value kind '" + kind + "'");
      }
    }
    return new Tuple(java.util.Collections.unmodifiableList(values));
  }

  private static String string(ByteBuffer b) {
    int start = b.position();
    int end = start;
    while (b.get(end) != 0) {
      end++;
    }
    byte[] bytes = new byte[end - start];
    b.get(bytes);
    b.get(); // the terminating zero
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
