package io.pgferry.extractor;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.postgresql.PGConnection;

/**
 * The part of a catalog read that does not depend on the tables: views, the other object kinds, privileges and
 * the dependencies. {@link #start} runs it on a second connection, on a virtual thread, while the caller reads
 * the tables; {@link #readAll} runs it on the caller's connection.
 */
final class ObjectsRead {
  record Result(List<View> views, List<SchemaObject> objects, Map<ObjectKey, Set<ObjectKey>> dependencies) {}

  private final Connection helper;
  private final FutureTask<Result> task;
  private final Thread thread;

  private ObjectsRead(Connection helper, boolean privileges, boolean owners) {
    this.helper = helper;
    this.task = new FutureTask<>(() -> {
      try (Statement s = helper.createStatement()) {
        // the same settings as the main read (see CatalogReader.read); the helper is the caller's to discard
        s.execute("SELECT set_config('search_path', '', false), set_config('jit', 'off', false)");
      }
      return readAll(helper, privileges, owners);
    });
    this.thread = Thread.ofVirtual().name("pgferry-catalog-objects").unstarted(task);
  }

  static ObjectsRead start(Connection helper, boolean privileges, boolean owners) {
    ObjectsRead r = new ObjectsRead(helper, privileges, owners);
    r.thread.start();
    return r;
  }

  static Result readAll(Connection c, boolean privileges, boolean owners) throws SQLException {
    List<View> views = CatalogReader.views(c);
    List<SchemaObject> objects = new ArrayList<>();
    for (CatalogReader.ObjectReader r : CatalogReader.OBJECT_READERS) {
      objects.addAll(r.read(c));
    }
    objects.addAll(SecurityObjectsReader.read(c, privileges, owners));
    return new Result(views, objects, Dependencies.read(c));
  }

  /** The helper's result; its failure as the exception it raised. */
  Result join() throws SQLException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandon();
      throw new ExtractException(ExtractException.Code.CATALOG_READ, "interrupted while reading the catalog", e);
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case SQLException sql -> throw sql;
        case RuntimeException re -> throw re;
        case Error err -> throw err;
        default -> throw new IllegalStateException(e.getCause());
      }
    }
  }

  /**
   * The main read failed: stop the helper's query and wait for its thread, so that the caller may close the
   * helper connection with nothing running on it.
   */
  void abandon() {
    if (!task.isDone()) {
      try {
        helper.unwrap(PGConnection.class).cancelQuery();
      } catch (SQLException | RuntimeException ignored) {
        // the thread ends anyway when its query does
      }
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
