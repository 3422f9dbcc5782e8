package io.pgferry.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A catalog read spread over extra connections reads exactly what one connection reads, as of one snapshot. */
class CatalogReaderHelpersTest {
  private static TestDatabase source;

  @BeforeAll
  static void setUp() {
    source = TestDatabase.create(PostgresServers.source(), "helpers")
        .executeResource("/io/pgferry/testkit/types-prelude.sql")
        .executeResource("/io/pgferry/testkit/types.sql")
        .executeResource("/io/pgferry/testkit/kitchen-sink.sql")
        .execute("CREATE SEQUENCE public.used_seq; SELECT nextval('public.used_seq'), nextval('public.used_seq')");
  }

  @AfterAll
  static void tearDown() throws SQLException {
    for (Connection c : plainKept) {
      c.close();
    }
    source.close();
  }

  @Test
  void read_withHelperConnections_equalsReadOnOneConnection() throws SQLException {
    Catalog single;
    try (Connection c = source.connect()) {
      single = CatalogReader.read(c, true, true);
    }
    List<Connection> opened = new ArrayList<>();
    Catalog helped;
    try (Connection c = source.connect()) {
      String snapshot = export(c);
      helped = CatalogReader.read(c, true, true, helpers(snapshot, opened));
      c.rollback();
    }
    assertThat(opened).hasSize(2).allSatisfy(h -> assertThat(h.isClosed()).isTrue());
    try (Statement s = plainKept.get(0).createStatement(); ResultSet rs = s.executeQuery("SHOW default_transaction_read_only")) {
      rs.next();
      assertThat(rs.getString(1)).as("the plain helper only runs read-only transactions").isEqualTo("on");
    } finally {
      plainKept.get(0).close();
      plainKept.clear();
    }
    assertThat(helped).isEqualTo(single);
    assertThat(helped.sequences()).filteredOn(s -> s.name().name().equals("used_seq")).singleElement()
        .satisfies(s -> assertThat(s.lastValue()).isEqualTo(2L));
  }

  @Test
  void read_objectsCreatedAfterTheSnapshot_areNotSeenByTheHelper() throws SQLException {
    try (Connection c = source.connect()) {
      String snapshot = export(c);
      source.execute("CREATE VIEW public.late_view AS SELECT 1 AS x; CREATE FUNCTION public.late_fn() RETURNS int LANGUAGE sql AS 'SELECT 1'");
      try {
        Catalog helped = CatalogReader.read(c, false, false, helpers(snapshot, new ArrayList<>()));
        assertThat(helped.views()).extracting(v -> v.name().name()).doesNotContain("late_view");
        assertThat(helped.objects()).extracting(o -> o.key().names().get(o.key().names().size() - 1))
            .doesNotContain("late_fn");
      } finally {
        c.rollback();
        source.execute("DROP VIEW public.late_view; DROP FUNCTION public.late_fn()");
      }
    }
  }

  @Test
  void read_noHelperConnectionAvailable_readsEverythingOnOne() throws SQLException {
    Catalog single;
    try (Connection c = source.connect()) {
      single = CatalogReader.read(c, false, false);
    }
    try (Connection c = source.connect()) {
      export(c);
      Catalog none = CatalogReader.read(c, false, false, new CatalogReader.Helpers() {
        @Override
        public Connection onSnapshot() {
          return null;
        }

        @Override
        public Connection plain() {
          return null;
        }
      });
      c.rollback();
      assertThat(none).isEqualTo(single);
    }
  }

  private static String export(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      try (ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /** The plain helpers' real connections, kept open past the reader's close to ask them how they were set. */
  private static final List<Connection> plainKept = new ArrayList<>();

  private static CatalogReader.Helpers helpers(String snapshot, List<Connection> opened) {
    return new CatalogReader.Helpers() {
      @Override
      public Connection onSnapshot() {
        try {
          Connection h = source.connect();
          opened.add(h);
          h.setAutoCommit(false);
          try (Statement s = h.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            s.execute("SET TRANSACTION SNAPSHOT " + Sql.literal(snapshot));
          }
          return h;
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public Connection plain() {
        try {
          Connection real = source.connect();
          plainKept.add(real);
          boolean[] closed = {false};
          Connection h = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                switch (method.getName()) {
                  case "close" -> {
                    closed[0] = true;
                    return null;
                  }
                  case "isClosed" -> {
                    return closed[0];
                  }
                  default -> {
                    try {
                      return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                  }
                }
              });
          opened.add(h);
          return h;
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }
}
