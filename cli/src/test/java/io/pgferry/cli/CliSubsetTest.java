package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline with a subset through the command line: the closure previewed, as JSON, copied, and never resumed. */
class CliSubsetTest {
  private static TestDatabase shop;

  @TempDir Path dir;
  private TestDatabase target;
  private Path file;
  private Map<String, String> env;

  @BeforeAll
  static void createShop() {
    shop = Cli.shop("cli_subset");
  }

  @AfterAll
  static void dropShop() {
    shop.close();
  }

  @BeforeEach
  void pipeline() throws Exception {
    target = Cli.emptyTarget();
    file = dir.resolve("subset.yaml");
    Files.writeString(file, """
        source: ${SHOP_URL}
        target: ${TARGET_URL}
        subset:
          start:
            public.customers: "id % 50 = 1"
        """);
    env = Map.of("SHOP_URL", shop.url(), "TARGET_URL", target.url());
  }

  @AfterEach
  void dropTarget() {
    target.close();
  }

  @Test
  void runDryRun_subset_printsTheClosureAndChangesNothing() {
    Cli.Result r = Cli.run(env, dir, "run", file.toString(), "--dry-run");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("-- subset: 5 tables reached").contains("public.orders").contains("start")
        .contains("children: public.orders(customer_id) -> public.customers(id)")
        .contains("parents: public.order_items(product_id) -> public.products(id)");
    assertThat(target.scalar("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")).isEqualTo("0");
  }

  @Test
  void run_subset_copiesTheClosureAndSaysSo() {
    Cli.Result r = Cli.run(env, dir, "run", file.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("subset   5 tables reached");
    assertThat(r.out()).contains("\"subset\":{\"tables\":[{\"table\":\"public.Customer Notes\"");
    assertThat(target.scalar("SELECT count(*) FROM customers")).isEqualTo(shop.scalar("SELECT count(*) FROM customers WHERE id % 50 = 1"));
    assertThat(target.scalar("SELECT count(*) FROM orders")).isEqualTo(shop.scalar("SELECT count(*) FROM orders WHERE customer_id % 50 = 1"));
  }

  @Test
  void runResume_subset_refusedNamingAbort() {
    Cli.Result r = Cli.run(env, dir, "run", file.toString(), "--resume");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("a subset clone cannot be resumed").contains("remove it with --abort");
  }
}
