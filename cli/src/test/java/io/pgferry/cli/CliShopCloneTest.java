package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the README promises of a clone of the demo shop: generated columns are right, identity values are
 * the source's, and sequences continue after the source's values so the application can keep inserting.
 */
class CliShopCloneTest {
  private static TestDatabase shop;
  private static TestDatabase target;

  @BeforeAll
  static void cloneShop(@TempDir Path home) {
    shop = Cli.shop("cli_promise");
    target = Cli.emptyTarget();
    Cli.Result r = Cli.run(home, "clone", "-s", shop.url(), "-t", target.url(), "-q");
    assertThat(r.code()).as(r.err()).isZero();
  }

  @AfterAll
  static void drop() {
    target.close();
    shop.close();
  }

  @Test
  void clone_shop_everyTableIsIdenticalRowForRow() {
    assertThat(TableDigest.userTables(target)).isEqualTo(TableDigest.userTables(shop));
    for (String t : TableDigest.userTables(shop)) {
      assertThat(TableDigest.of(target, t)).as(t).isEqualTo(TableDigest.of(shop, t));
    }
  }

  @Test
  void clone_generatedColumn_isStillGeneratedAndCorrect() {
    assertThat(target.scalar("SELECT count(*) FROM order_items WHERE line_total IS DISTINCT FROM quantity * unit_price"))
        .isEqualTo("0");
    assertThat(target.scalar("SELECT attgenerated FROM pg_attribute WHERE attrelid = 'order_items'::regclass"
        + " AND attname = 'line_total'")).isEqualTo("s");
    assertThat(target.scalar("SELECT sum(line_total) FROM order_items")).isEqualTo(shop.scalar("SELECT sum(line_total) FROM order_items"));
  }

  @Test
  void clone_identityColumns_keepTheSourceValuesAndKind() {
    for (String t : List.of("customers", "orders")) {
      String ids = "SELECT md5(string_agg(id::text, ',' ORDER BY id)) FROM " + t;
      assertThat(target.scalar(ids)).as(t).isEqualTo(shop.scalar(ids));
    }
    String kinds = "SELECT attrelid::regclass::text || '=' || attidentity::text FROM pg_attribute WHERE attidentity <> '' ORDER BY 1";
    assertThat(target.query(kinds)).isEqualTo(shop.query(kinds)).hasSize(2);
  }

  @Test
  void clone_nextInsert_continuesAfterTheSourceValuesWithoutDuplicateKeys() throws SQLException {
    // Each insert would fail with a duplicate key if its sequence had restarted at 1. Rolled back, so the
    // other tests still see the clone as it was.
    try (Connection c = target.connect(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      try {
        long customer = longs(s, "INSERT INTO customers (email, full_name) VALUES ('new@example.com', 'New') RETURNING id")[0];
        assertThat(customer).isGreaterThan(Long.parseLong(shop.scalar("SELECT max(id) FROM customers")));
        long product = longs(s, "INSERT INTO products (sku, name, price) VALUES ('SKU-NEW', 'New', 1) RETURNING id")[0];
        assertThat(product).isGreaterThan(Long.parseLong(shop.scalar("SELECT max(id) FROM products")));
        long[] order = longs(s, "INSERT INTO orders (customer_id, placed_at) VALUES (" + customer + ", now()) RETURNING id, invoice_number");
        assertThat(order[0]).isGreaterThan(Long.parseLong(shop.scalar("SELECT max(id) FROM orders")));
        assertThat(order[1]).as("invoice_number_seq was at 120000 in the source").isGreaterThan(120000L);
      } finally {
        c.rollback();
      }
    }
  }

  private static long[] longs(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      long[] out = new long[rs.getMetaData().getColumnCount()];
      for (int i = 0; i < out.length; i++) {
        out[i] = rs.getLong(i + 1);
      }
      return out;
    }
  }
}
