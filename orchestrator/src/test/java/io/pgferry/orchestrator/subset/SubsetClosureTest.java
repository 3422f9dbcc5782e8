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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rows a subset keeps, on a shop with a self-reference (a referrer chain), a two-table cycle through a
 * deferrable key (customers and their main address, which may be another customer's), composite keys, a
 * many-to-many link table, a partitioned child, a virtual foreign key, a table reached only through parents with
 * children of its own, and an unrelated table. Each expected row set is computed independently, in SQL, from what
 * the subset means.
 */
class SubsetClosureTest {


  private static TestDatabase db;
  /** Where a spilled closure keeps its rows, as a clone's target would. */
  private static TestDatabase spill;

  @BeforeAll
  static void shop() {
    db = TestDatabase.create(PostgresServers.source(), "subset_closure").execute(SubsetShop.SQL);
    spill = TestDatabase.create(PostgresServers.target(), "subset_spill");
  }

  @AfterAll
  static void drop() {
    db.close();
    spill.close();
  }

  private static SubsetSpec customersByTen(boolean children, Set<String> skip) {
    return new SubsetSpec(Map.of(QualifiedName.of("shop", "customers"), SubsetSpec.Start.where("id % 10 = 0")), children,
        SubsetSpec.Others.ALL, List.of(new SubsetSpec.VirtualKey(QualifiedName.of("shop", "audit_log"), List.of("customer_ref"),
            QualifiedName.of("shop", "customers"), List.of("id"))), skip);
  }

  /** The closure with its rows in memory, or in temporary tables of a target session from the start. */
  private static Closure.Result compute(Connection c, SubsetSpec spec, boolean spilled) throws SQLException {
    Closure.Result r = Closure.compute(c, spilled ? spec.withMemory(0) : spec, null, spill::connect);
    assertThat(r.keys()).isInstanceOf(spilled ? SpilledKeys.class : MemoryKeys.class);
    return r;
  }

  @ParameterizedTest(name = "spilled: {0}")
  @ValueSource(booleans = {false, true})
  void closure_startWithChildren_keepsChildrenTransitivelyAndEveryParent(boolean spilled) throws Exception {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      Closure.Result r = compute(c, customersByTen(true, Set.of()), spilled);
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

  @ParameterizedTest(name = "spilled: {0}")
  @ValueSource(booleans = {false, true})
  void closure_withoutChildren_keepsStartRowsAndTheirParents(boolean spilled) throws Exception {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      Closure.Result r = compute(c, customersByTen(false, Set.of()), spilled);
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

  @ParameterizedTest(name = "spilled: {0}")
  @ValueSource(booleans = {false, true})
  void closure_skippedEdge_notFollowedTowardsChildren(boolean spilled) throws Exception {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      Closure.Result r = compute(c, customersByTen(true, Set.of("shop.orders(customer_id)")), spilled);
      assertKept(c, r, "orders", "SELECT 1 WHERE false");
      assertKept(c, r, "order_items", "SELECT 1 WHERE false");
      assertThat(r.followed().keySet()).noneMatch(e -> e.contains("shop.orders(customer_id)"));
      c.rollback();
    }
  }

  @ParameterizedTest(name = "spilled: {0}")
  @ValueSource(booleans = {false, true})
  void closure_startOnTagsOfALinkTable_keepsLinksAndTheirProductsButNotTheProductsOtherChildren(boolean spilled) throws Exception {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      Closure.Result r = compute(c, new SubsetSpec(Map.of(QualifiedName.of("shop", "tags"), SubsetSpec.Start.where("id <= 2")),
          true, SubsetSpec.Others.ALL, List.of(), Set.of()), spilled);
      assertKept(c, r, "tags", "SELECT id FROM shop.tags WHERE id <= 2");
      assertKept(c, r, "product_tags", "SELECT tag_id FROM shop.product_tags WHERE tag_id <= 2");
      // a link table without a key holds duplicate rows: every copy is kept
      assertThat(r.counts().get(r.relations().named(QualifiedName.of("shop", "product_tags")).oid())).isEqualTo(count(c,
          "SELECT count(*) FROM shop.product_tags WHERE tag_id <= 2"));
      assertThat(r.keys().tids(r.relations().named(QualifiedName.of("shop", "product_tags")).oid())).doesNotHaveDuplicates();
      assertKept(c, r, "products", "SELECT DISTINCT variant FROM shop.products WHERE (\"SKU\", variant) IN"
          + " (SELECT sku, variant FROM shop.product_tags WHERE tag_id <= 2)");
      for (String none : List.of("reviews", "order_items", "orders", "customers")) {
        assertKept(c, r, none, "SELECT 1 WHERE false");
      }
      assertThat(TidSet.format(TidSet.parse("(4294967295,65535)"))).isEqualTo("(4294967295,65535)");
      c.rollback();
    }
  }

  @ParameterizedTest(name = "spilled: {0}")
  @ValueSource(booleans = {false, true})
  void closure_limitAndSample_keyOrderAndSameRowsForTheSameSeed(boolean spilled) throws Exception {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      QualifiedName orders = QualifiedName.of("shop", "orders");
      Closure.Result limited = compute(c, new SubsetSpec(Map.of(orders, new SubsetSpec.Start("placed_at >= '2024-06-01'", 25L, null, 0)),
          false, SubsetSpec.Others.ALL, List.of(), Set.of()), spilled);
      assertKept(c, limited, "orders", "SELECT id FROM shop.orders WHERE placed_at >= '2024-06-01' ORDER BY id LIMIT 25");
      SubsetSpec sampled = new SubsetSpec(Map.of(orders, new SubsetSpec.Start(null, null, 20.0, 42)), false, SubsetSpec.Others.ALL,
          List.of(), Set.of());
      Closure.Result first = compute(c, sampled, spilled);
      Closure.Result again = compute(c, sampled, spilled);
      long oid = first.relations().named(orders).oid();
      assertThat(first.keys().tids(oid)).isEqualTo(again.keys().tids(oid));
      assertThat(first.counts().get(oid)).as("about 20 %% of 900").isBetween(100L, 260L);
      c.rollback();
    }
  }

  @Test
  void closure_moreRowsThanItsMemory_startsOverWithTheRowsOnTheTargetAndKeepsTheSameRows() throws Exception {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      Closure.Result inMemory = Closure.compute(c, customersByTen(true, Set.of()), null, null);
      // room for 50 rows: the closure keeps hundreds
      Closure.Result spilled = Closure.compute(c, customersByTen(true, Set.of()).withMemory(50 * MemoryKeys.BYTES_PER_ROW), null,
          spill::connect);
      assertThat(spilled.keys()).isInstanceOf(SpilledKeys.class);
      assertThat(spilled.counts()).isEqualTo(inMemory.counts());
      for (long oid : inMemory.counts().keySet()) {
        assertThat(spilled.keys().tids(oid)).as("rows of %s", r(inMemory, oid)).isEqualTo(inMemory.keys().tids(oid));
      }
      assertThat(spilled.followed()).isEqualTo(inMemory.followed());
      assertThat(spilled.reach()).isEqualTo(inMemory.reach());
      spilled.keys().close();
      c.rollback();
    }
  }

  @Test
  void closure_moreRowsThanItsMemoryAndNowhereToSpill_failsNamingTheMemory() throws Exception {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Closure.compute(c,
              customersByTen(true, Set.of()).withMemory(50 * MemoryKeys.BYTES_PER_ROW), null, null))
          .isInstanceOf(SQLException.class).hasMessageContaining("more rows than its memory allows");
      c.rollback();
    }
  }

  private static String r(Closure.Result r, long oid) {
    return r.relations().of(oid).name().toString();
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
    long[] kept = r.keys().tids(rel.oid());
    String key = switch (table) {
      case "order_items" -> "order_id * 1000 + variant";
      case "products" -> "variant";
      case "product_tags" -> "tag_id";
      default -> "id";
    };
    List<String> tids = new ArrayList<>();
    for (long t : kept) {
      tids.add(TidSet.format(t));
    }
    assertThat(kept.length).as("%s: the count of its kept rows", table).isEqualTo(r.counts().getOrDefault(rel.oid(), 0L).intValue());
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
