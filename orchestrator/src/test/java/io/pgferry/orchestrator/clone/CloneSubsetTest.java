package io.pgferry.orchestrator.clone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.PgferryException;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.subset.SubsetSpec;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.SubsetShop;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A subset clone of the shop ({@link SubsetShop}): the target holds exactly the closure's rows, table by table
 * (computed independently on the source), every foreign key is valid, and the tables the subset never reaches get
 * what {@code others} says.
 */
class CloneSubsetTest {
  private static TestDatabase source;
  private TestDatabase target;

  @BeforeAll
  static void shop() {
    source = TestDatabase.create(PostgresServers.source(), "subset_src").execute(SubsetShop.SQL);
  }

  @AfterAll
  static void dropShop() {
    source.close();
  }

  @BeforeEach
  void createTarget() {
    target = TestDatabase.create(PostgresServers.target(), "subset_dst");
  }

  @AfterEach
  void dropTarget() {
    target.close();
  }

  private static SubsetSpec spec(SubsetSpec.Others others) {
    return new SubsetSpec(Map.of(QualifiedName.of("shop", "customers"), SubsetSpec.Start.where("id % 10 = 0")), true, others,
        List.of(new SubsetSpec.VirtualKey(QualifiedName.of("shop", "audit_log"), List.of("customer_ref"),
            QualifiedName.of("shop", "customers"), List.of("id"))), Set.of());
  }

  /** Expected rows per table, as key queries on the source (after {@link SubsetShop#expected}). */
  private static Map<String, String> expected() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("customers", "SELECT id FROM k_customers");
    m.put("addresses", """
        SELECT id FROM shop.addresses WHERE customer_id IN (SELECT id FROM d_customers)
        UNION SELECT main_address_id FROM shop.customers WHERE id IN (SELECT id FROM k_customers) AND main_address_id IS NOT NULL""");
    m.put("orders", "SELECT id FROM shop.orders WHERE customer_id IN (SELECT id FROM d_customers)");
    m.put("order_items", "SELECT order_id * 1000 + variant FROM shop.order_items WHERE order_id IN"
        + " (SELECT id FROM shop.orders WHERE customer_id IN (SELECT id FROM d_customers))");
    m.put("regions", "SELECT DISTINCT region_id FROM shop.customers WHERE id IN (SELECT id FROM k_customers)");
    m.put("events", "SELECT id FROM shop.events WHERE customer_id IN (SELECT id FROM d_customers)");
    m.put("audit_log", "SELECT id FROM shop.audit_log WHERE customer_ref IN (SELECT id FROM d_customers)");
    m.put("reviews", "SELECT 1 WHERE false");
    m.put("product_tags", "SELECT 1 WHERE false");
    return m;
  }

  private static String key(String table) {
    return table.equals("order_items") ? "order_id * 1000 + variant" : table.equals("product_tags") ? "tag_id" : "id";
  }

  @Test
  void clone_subsetOthersAll_targetHoldsTheClosureAndEveryKeyIsValid() throws Exception {
    CloneReport report = new CloneRunner(RunListener.SILENT, CloneTuning.defaults())
        .run(Endpoints.clone(source, target).toBuilder().jobs(2).subset(spec(SubsetSpec.Others.ALL)).build());
    try (Connection s = source.connect(); Connection t = target.connect()) {
      s.setAutoCommit(false);
      try (Statement st = s.createStatement()) {
        st.execute(SubsetShop.expected(true));
      }
      for (Map.Entry<String, String> e : expected().entrySet()) {
        assertThat(keys(t, "SELECT " + key(e.getKey()) + " FROM shop." + e.getKey())).as("rows of shop.%s", e.getKey())
            .isEqualTo(keys(s, e.getValue()));
      }
      // kept products: those the kept order items reference
      assertThat(keys(t, "SELECT count(*) FROM shop.products")).isEqualTo(keys(s, """
          SELECT count(*) FROM shop.products WHERE ("SKU", variant) IN (SELECT sku, variant FROM shop.order_items
          WHERE order_id IN (SELECT id FROM shop.orders WHERE customer_id IN (SELECT id FROM d_customers)))"""));
      s.rollback();
      assertThat(keys(t, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated")).containsExactly(0L);
      String foreignKeys = "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
          + " WHERE contype = 'f' AND n.nspname = 'shop' AND conparentid = 0";
      assertThat(keys(t, foreignKeys)).as("every foreign key, validated by the seal").isEqualTo(keys(s, foreignKeys));
    }
    // never reached and referencing nothing the subset filters: every row
    assertThat(TableDigest.of(target, "shop.unrelated")).isEqualTo(TableDigest.of(source, "shop.unrelated"));
    assertThat(TableDigest.of(target, "shop.tags")).isEqualTo(TableDigest.of(source, "shop.tags"));
    assertThat(report.toJson()).contains("\"subset\":{\"tables\":[").contains("\"reached_as\":[\"start\",\"child\",\"parent\"]");
  }

  @Test
  void clone_subsetOthersNone_unreachedTablesNotCloned() throws Exception {
    new CloneRunner(RunListener.SILENT, CloneTuning.defaults())
        .run(Endpoints.clone(source, target).toBuilder().jobs(2).subset(spec(SubsetSpec.Others.NONE)).build());
    try (Connection t = target.connect()) {
      assertThat(keys(t, "SELECT count(*) FROM pg_class WHERE relnamespace = 'shop'::regnamespace AND relname IN"
          + " ('unrelated', 'tags', 'reviews', 'product_tags')")).containsExactly(0L);
      assertThat(keys(t, "SELECT count(*) FROM shop.customers")).isNotEqualTo(List.of(0L));
    }
  }

  @Test
  void clone_subsetOthersSchemaOnly_unreachedTablesEmpty() throws Exception {
    new CloneRunner(RunListener.SILENT, CloneTuning.defaults())
        .run(Endpoints.clone(source, target).toBuilder().jobs(2).subset(spec(SubsetSpec.Others.SCHEMA_ONLY)).build());
    try (Connection t = target.connect()) {
      assertThat(keys(t, "SELECT (SELECT count(*) FROM shop.unrelated) + (SELECT count(*) FROM shop.tags)")).containsExactly(0L);
    }
  }

  @Test
  void dryRun_subset_printsTheClosureWithoutTouchingTheTarget() throws Exception {
    CloneReport report = new CloneRunner(RunListener.SILENT, CloneTuning.defaults())
        .run(Endpoints.clone(source, target).toBuilder().dryRun(true).subset(spec(SubsetSpec.Others.ALL)).build());
    String text = report.plan().render();
    assertThat(text).contains("-- subset: ").contains("shop.customers").contains("children: shop.orders(customer_id) -> shop.customers(id)")
        .contains("parents: shop.customers(region_id) -> shop.regions(id)").contains("subset: ");
    assertThat(report.toJson()).contains("\"gets\":\"empty\"").contains("\"gets\":\"all\"");
    try (Connection t = target.connect()) {
      assertThat(keys(t, "SELECT count(*) FROM pg_namespace WHERE nspname = 'shop'")).containsExactly(0L);
    }
  }

  @Test
  void clone_subsetWithExcludedTables_followsOnlyCopiedTables() throws Exception {
    new CloneRunner(RunListener.SILENT, CloneTuning.defaults()).run(Endpoints.clone(source, target).toBuilder().jobs(2)
        .exclude(List.of("shop.events*", "shop.audit_log")).subset(spec(SubsetSpec.Others.ALL)).build());
    try (Connection s = source.connect(); Connection t = target.connect()) {
      s.setAutoCommit(false);
      try (Statement st = s.createStatement()) {
        st.execute(SubsetShop.expected(true));
      }
      assertThat(keys(t, "SELECT id FROM shop.customers")).isEqualTo(keys(s, "SELECT id FROM k_customers"));
      assertThat(keys(t, "SELECT count(*) FROM pg_class WHERE relname LIKE 'events%' OR relname = 'audit_log'")).containsExactly(0L);
      s.rollback();
    }
  }

  @Test
  void clone_subsetStartExcluded_refusedNamingIt() {
    assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT, CloneTuning.defaults()).run(Endpoints.clone(source, target)
        .toBuilder().exclude(List.of("shop.customers")).subset(spec(SubsetSpec.Others.ALL)).build()))
        .isInstanceOf(PgferryException.class).hasMessageContaining("shop.customers is not one the clone copies");
  }

  @Test
  void clone_subsetResume_refusedNamingAbort() {
    assertThatThrownBy(() -> Endpoints.clone(source, target).toBuilder().subset(spec(SubsetSpec.Others.ALL))
        .recovery(CloneOptions.Recovery.RESUME).build())
        .isInstanceOf(PgferryException.class).hasMessageContaining("cannot be resumed").hasMessageContaining("`recovery=ABORT`");
  }

  private static List<Long> keys(Connection c, String sql) throws SQLException {
    Set<Long> out = new TreeSet<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return new ArrayList<>(out);
  }
}
