package io.pgferry.extractor;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of a catalog read that does not depend on the tables: views, the other object kinds, privileges and
 * the dependencies. {@link #start} runs it on a second connection while the caller reads the tables;
 * {@link #readAll} runs it on the caller's connection.
 */
final class ObjectsRead {
  record Result(List<View> views, List<SchemaObject> objects, Map<ObjectKey, Set<ObjectKey>> dependencies) {}

  private ObjectsRead() {}

  /** On {@code helper}, a connection in a transaction on the caller's snapshot; its session settings change for good. */
  static SideRead<Result> start(Connection helper, boolean privileges, boolean owners) {
    return SideRead.start("pgferry-catalog-objects", helper, c -> {
      try (Statement s = c.createStatement()) {
        // the same settings as the main read (see CatalogReader.read); the helper is the caller's to discard
        s.execute("SELECT set_config('search_path', '', false), set_config('jit', 'off', false)");
      }
      return readAll(c, privileges, owners);
    });
  }

  static Result readAll(Connection c, boolean privileges, boolean owners) throws SQLException {
    List<View> views = CatalogLocks.released(c, () -> CatalogReader.views(c));
    List<SchemaObject> objects = new ArrayList<>();
    for (CatalogReader.ObjectReader r : CatalogReader.OBJECT_READERS) {
      objects.addAll(CatalogLocks.released(c, () -> r.read(c)));
    }
    objects.addAll(CatalogLocks.released(c, () -> SecurityObjectsReader.read(c, privileges, owners)));
    return new Result(views, objects, CatalogLocks.released(c, () -> Dependencies.read(c)));
  }
}
