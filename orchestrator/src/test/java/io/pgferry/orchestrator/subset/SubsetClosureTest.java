package io.pgferry.orchestrator.subset;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.SubsetShop;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rows a subset keeps, on a shop with a self-reference (a referrer chain), a two-table cycle through a
 * deferrable key (customers and their main address, which may be another customer's), composite keys, a
 * many-to-many link table, a partitioned child, a virtual foreign key, a table reached only through parents with
 * children of its own, and an unrelated table. Each expected row set is computed independently, in SQL, from what
 * the subset means.
 */
class SubsetClosureTest {


  private static TestDatabase db;

  @BeforeAll
  static void shop() {
    db = TestDatabase.create(PostgresServers.source(), "subset_closure").execute(SubsetShop.SQL);
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  private static SubsetSpec customersByTen(boolean children, Set<String> skip) {
    return new SubsetSpec(Map.of(QualifiedName.of("shop", "customers"), SubsetSpec.Start.where("id % 10 = 0")), children,
        SubsetSpec.Others.ALL, List.of(new SubsetSpec.VirtualKey(QualifiedName.of("shop", "audit_log"), List.of("customer_ref"),
            QualifiedName.of("shop", "customers"), List.of("id"))), skip);
  }

  @Test
  void closure_startWithChildren_keepsChildrenTransitivelyAndEveryParent() throws Exception {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      Closure.Result r = Closure.compute(c, customersByTen(true, Set.of()));
      try (Statement s = c.createStatement()) {
        s.execute(SubsetShop.expected(true));
      }
      assertKept(c, r, "customers", "SELECT id FROM k_customers");
      assertKept(c, r, "addresses", """
          SELECT id FROM shop.addresses WHERE customer_id IN (SELECT id FROM d_customers)
          UNION SELECT main_address_id FROM shop.customers WHERE id IN (SELECT id FROM k_customers) AND main_address_id IS NOT NULL""");
      assertKept(c, r, "orders", "SELECT id FROM shop.orders WHERE customer_id IN (SELECT id FROM d_customers)");
      assertKept(c, r, "order_items", """
          SELECT order_id * 1000 + variant FROM shop.order_items WHERE order_id IN
            (SELECT id FROM shop.orders WHERE customer_id IN (SELECT id FROM d_customers))""");
      assertKept(c, r, "products", """
          SELECT DISTINCT variant FROM shop.products WHERE ("SKU", variant) IN (SELECT sku, variant FROM shop.order_items WHERE order_id IN
            (SELECT id FROM shop.orders WHERE customer_id IN (SELECT id FROM d_customers)))""");
      assertKept(c, r, "regions", "SELECT DISTINCT region_id FROM shop.customers WHERE id IN (SELECT id FROM k_customers)");
      assertKept(c, r, "events_2023", "SELECT id FROM shop.events_2023 WHERE customer_id IN (SELECT id FROM d_customers)");
      assertKept(c, r, "events_2024", "SELECT id FROM shop.events_2024 WHERE customer_id IN (SELECT id FROM d_customers)");
      assertKept(c, r, "audit_log", "SELECT id FROM shop.audit_log WHERE customer_ref IN (SELECT id FROM d_customers)");
      // children of rows kept only as parents are not followed: products' reviews and tags
      for (String none : List.of("reviews", "product_tags", "tags", "unrelated")) {
        assertKept(c, r, none, "SELECT 1 WHERE false");
      }
      c.rollback();
    }
  }

  @Test
  void closure_withoutChildren_keepsStartRowsAndTheirParents() throws Exception {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      Closure.Result r = Closure.compute(c, customersByTen(false, Set.of()));
      try (Statement s = c.createStatement()) {
        s.execute(SubsetShop.expected(false));
      }
      assertKept(c, r, "customers", "SELECT id FROM k_customers");
      assertKept(c, r, "addresses",
          "SELECT main_address_id FROM shop.customers WHERE id IN (SELECT id FROM k_customers) AND main_address_id IS NOT NULL");
      assertKept(c, r, "orders", "SELECT 1 WHERE false");
      assertKept(c, r, "audit_log", "SELECT 1 WHERE false");
      c.rollback();
    }
  }

  @Test
  void closure_skippedEdge_notFollowedTowardsChildren() throws Exception {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      Closure.Result r = Closure.compute(c, customersByTen(true, Set.of("shop.orders(customer_id)")));
      assertKept(c, r, "orders", "SELECT 1 WHERE false");
      assertKept(c, r, "order_items", "SELECT 1 WHERE false");
      assertThat(r.followed().keySet()).noneMatch(e -> e.contains("shop.orders(customer_id)"));
      c.rollback();
    }
  }

  @Test
  void closure_startOnTagsOfALinkTable_keepsLinksAndTheirProductsButNotTheProductsOtherChildren() throws Exception {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      Closure.Result r = Closure.compute(c, new SubsetSpec(Map.of(QualifiedName.of("shop", "tags"), SubsetSpec.Start.where("id <= 2")),
          true, SubsetSpec.Others.ALL, List.of(), Set.of()));
      assertKept(c, r, "tags", "SELECT id FROM shop.tags WHERE id <= 2");
      assertKept(c, r, "product_tags", "SELECT tag_id FROM shop.product_tags WHERE tag_id <= 2");
      // a link table without a key holds duplicate rows: every copy is kept
      assertThat(r.kept().get(r.relations().named(QualifiedName.of("shop", "product_tags")).oid()).size()).isEqualTo(count(c,
          "SELECT count(*) FROM shop.product_tags WHERE tag_id <= 2"));
      assertKept(c, r, "products", "SELECT DISTINCT variant FROM shop.products WHERE (\"SKU\", variant) IN"
          + " (SELECT sku, variant FROM shop.product_tags WHERE tag_id <= 2)");
      for (String none : List.of("reviews", "order_items", "orders", "customers")) {
        assertKept(c, r, none, "SELECT 1 WHERE false");
      }
      assertThat(TidSet.format(TidSet.parse("(4294967295,65535)"))).isEqualTo("(4294967295,65535)");
      c.rollback();
    }
  }

  @Test
  void closure_limitAndSample_keyOrderAndSameRowsForTheSameSeed() throws Exception {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      QualifiedName orders = QualifiedName.of("shop", "orders");
      Closure.Result limited = Closure.compute(c, new SubsetSpec(Map.of(orders, new SubsetSpec.Start("placed_at >= '2024-06-01'", 25L, null, 0)),
          false, SubsetSpec.Others.ALL, List.of(), Set.of()));
      assertKept(c, limited, "orders", "SELECT id FROM shop.orders WHERE placed_at >= '2024-06-01' ORDER BY id LIMIT 25");
      SubsetSpec sampled = new SubsetSpec(Map.of(orders, new SubsetSpec.Start(null, null, 20.0, 42)), false, SubsetSpec.Others.ALL,
          List.of(), Set.of());
      Closure.Result first = Closure.compute(c, sampled);
      Closure.Result again = Closure.compute(c, sampled);
      long oid = first.relations().named(orders).oid();
      assertThat(first.kept().get(oid).sorted()).isEqualTo(again.kept().get(oid).sorted());
      assertThat(first.kept().get(oid).size()).as("about 20 %% of 900").isBetween(100, 260);
      c.rollback();
    }
  }

  private static int count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * The kept rows of {@code table} (identified by a key expression the expected query also yields) equal the
   * expected query's.
   */
  private static void assertKept(Connection c, Closure.Result r, String table, String expected) throws SQLException {
    Relations.Rel rel = r.relations().named(QualifiedName.of("shop", table));
    TidSet kept = r.kept().get(rel.oid());
    String key = switch (table) {
      case "order_items" -> "order_id * 1000 + variant";
      case "products" -> "variant";
      case "product_tags" -> "tag_id";
      default -> "id";
    };
    List<String> tids = new ArrayList<>();
    if (kept != null) {
      for (long t : kept.sorted()) {
        tids.add(TidSet.format(t));
      }
    }
    Set<Long> actual = new TreeSet<>();
    try (PreparedStatement p = c.prepareStatement("SELECT " + key + " FROM ONLY shop." + table + " WHERE ctid = ANY (?::tid[])")) {
      p.setArray(1, c.createArrayOf("text", tids.toArray()));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          actual.add(rs.getLong(1));
        }
      }
    }
    Set<Long> want = new TreeSet<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(expected)) {
      while (rs.next()) {
        want.add(rs.getLong(1));
      }
    }
    if (!table.equals("products") && !table.equals("product_tags")) {
      assertThat(tids).as("%s: one address per kept row", table).hasSize(actual.size());
    }
    assertThat(actual).as("kept rows of shop.%s", table).isEqualTo(want);
  }
}
