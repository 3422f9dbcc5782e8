package io.pgferry.testkit;

/**
 * A shop for subset tests: a self-reference (a referrer chain), a two-table cycle through a deferrable key
 * (customers and their main address, which may be another customer's), composite keys, a many-to-many link table,
 * a partitioned child, a table with no declared key to customers (a virtual foreign key's), a table reached only
 * through parents with children of its own (products: reviews, product_tags), and an unrelated table; with the
 * expected kept customers computed directly in SQL.
 */
public final class SubsetShop {
  private SubsetShop() {}

  public static final String SQL = """
      CREATE SCHEMA shop;
      CREATE TABLE shop.regions (id int PRIMARY KEY, name text);
      CREATE TABLE shop.customers (id int PRIMARY KEY, region_id int REFERENCES shop.regions, referrer_id int REFERENCES shop.customers,
        main_address_id int);
      CREATE TABLE shop.addresses (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES shop.customers, line text);
      ALTER TABLE shop.customers ADD FOREIGN KEY (main_address_id) REFERENCES shop.addresses DEFERRABLE INITIALLY DEFERRED;
      CREATE TABLE shop.orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES shop.customers, placed_at date);
      CREATE TABLE shop.products ("SKU" text, variant int, name text, PRIMARY KEY ("SKU", variant));
      CREATE TABLE shop.order_items (order_id int REFERENCES shop.orders, sku text, variant int, qty int,
        PRIMARY KEY (order_id, sku, variant), FOREIGN KEY (sku, variant) REFERENCES shop.products);
      CREATE TABLE shop.tags (id int PRIMARY KEY, label text);
      CREATE TABLE shop.product_tags (sku text, variant int, tag_id int REFERENCES shop.tags,
        FOREIGN KEY (sku, variant) REFERENCES shop.products);
      CREATE TABLE shop.reviews (id int PRIMARY KEY, sku text, variant int, stars int, FOREIGN KEY (sku, variant) REFERENCES shop.products);
      CREATE TABLE shop.events (id int, customer_id int REFERENCES shop.customers, at date NOT NULL) PARTITION BY RANGE (at);
      CREATE TABLE shop.events_2023 PARTITION OF shop.events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
      CREATE TABLE shop.events_2024 PARTITION OF shop.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE shop.audit_log (id int, customer_ref int, what text);
      CREATE TABLE shop.unrelated (id int, x text);
      INSERT INTO shop.regions SELECT g, 'r' || g FROM generate_series(1, 8) g;
      -- referrers point at lower ids, so chains end; every 7th customer refers to another
      INSERT INTO shop.customers SELECT g, 1 + g % 8, CASE WHEN g % 7 = 0 AND g > 7 THEN g - 7 - g % 5 END, NULL
        FROM generate_series(1, 300) g;
      INSERT INTO shop.addresses SELECT g, 1 + (g - 1) % 300, 'line ' || g FROM generate_series(1, 450) g;
      -- a main address: the customer's own, or (every 11th) another customer's
      UPDATE shop.customers SET main_address_id = CASE WHEN id % 11 = 0 THEN 1 + (id * 37) % 300 ELSE id END WHERE id % 3 <> 1;
      INSERT INTO shop.orders SELECT g, 1 + (g * 13) % 300, date '2024-01-01' + g % 365 FROM generate_series(1, 900) g;
      INSERT INTO shop.products SELECT 'SKU-' || (g % 40), g / 40, 'p' || g FROM generate_series(0, 159) g;
      INSERT INTO shop.order_items SELECT o, 'SKU-' || ((o * 7 + k) % 40), (o + k) % 4, k FROM generate_series(1, 900) o, generate_series(1, 3) k;
      INSERT INTO shop.tags SELECT g, 't' || g FROM generate_series(1, 10) g;
      INSERT INTO shop.product_tags SELECT 'SKU-' || (g % 40), g % 4, 1 + g % 10 FROM generate_series(0, 199) g;
      INSERT INTO shop.reviews SELECT g, 'SKU-' || (g % 40), g % 4, 1 + g % 5 FROM generate_series(1, 120) g;
      INSERT INTO shop.events SELECT g, 1 + (g * 17) % 300, date '2023-06-01' + g % 400 FROM generate_series(1, 1200) g;
      INSERT INTO shop.audit_log SELECT g, 1 + (g * 29) % 320, 'w' FROM generate_series(1, 500) g;
      INSERT INTO shop.unrelated SELECT g, 'x' FROM generate_series(1, 50) g;
      """;
  /**
   * The expected kept customers, computed directly: the down set (start rows and, with children, the rows that
   * reference them: the referrer chain and customers whose main address is a kept customer's), then the parents.
   */
  public static String expected(boolean children) {
    String down = children ? """
        UNION
        SELECT c.id FROM shop.customers c, d WHERE c.referrer_id = d.id
          OR c.main_address_id IN (SELECT a.id FROM shop.addresses a WHERE a.customer_id = d.id)""" : "";
    return """
        CREATE TEMP TABLE d_customers AS WITH RECURSIVE d(id) AS (
          SELECT id FROM shop.customers WHERE id %% 10 = 0
          %s)
        SELECT id FROM d;
        CREATE TEMP TABLE k_customers AS WITH RECURSIVE k(id) AS (
          SELECT id FROM d_customers
          UNION
          SELECT c.id FROM shop.customers c, k JOIN shop.customers kc ON kc.id = k.id
          WHERE c.id = kc.referrer_id OR c.id = (SELECT a.customer_id FROM shop.addresses a WHERE a.id = kc.main_address_id))
        SELECT id FROM k;
        """.formatted(down);
  }

}
