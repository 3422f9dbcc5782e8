package io.pgferry.pipelines;

import io.pgferry.orchestrator.Phase;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.anonymize.TransformRule;
import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.clone.CloneRunner;
import io.pgferry.orchestrator.clone.Verification;
import io.pgferry.orchestrator.pipeline.Pipeline;
import io.pgferry.orchestrator.pipeline.PipelineParser;
import io.pgferry.orchestrator.pipeline.Pipelines;
import io.pgferry.orchestrator.pipeline.Step;
import io.pgferry.orchestrator.schemasync.SchemaSyncReport;
import io.pgferry.orchestrator.schemasync.SchemaSyncRunner;
import io.pgferry.orchestrator.sync.SyncReport;
import io.pgferry.orchestrator.sync.SyncRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.pgferry.pipelines.Shop.Rel;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every {@code pipelines/*.yaml} against a fresh copy of the demo shop and checks the target with
 * plain SQL: the rows the file selects and filters, its transforms, its schema map, and (after a seal)
 * every constraint and index. A new example is picked up by itself and fails here until
 * {@link #prepare} knows which variables it needs and what else to check.
 */
class ExamplePipelinesTest {
  /** The module directory: surefire's basedir, or the working directory it runs in. */
  static final Path DIR = Path.of(System.getProperty("basedir", "."));
  static final String SALT = "example-test-salt";

  @TempDir Path home;

  static Stream<String> examples() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @Test
  void examples_moduleDirectory_holdsTheDemoAndTheDocumentedExamples() throws IOException {
    assertThat(examples()).contains("demo.yaml", "anonymized-subset.yaml", "subset.yaml", "schema-map.yaml", "base-and-load-only.yaml",
        "keep-in-sync.yaml", "schema-then-rows.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void run_examplePipeline_targetHoldsWhatTheFileDescribes(String file) throws IOException {
    assertThat(Files.readString(DIR.resolve(file))).as(file + " starts with a comment saying what it does").startsWith("# ");
    try (TestDatabase source = Shop.create(); TestDatabase target = TestDatabase.create(PostgresServers.target(), "clone")) {
      Map<String, String> env = prepare(file, source, target);
      Pipeline p = PipelineParser.parse(DIR.resolve(file), env);
      assertThat(run(p, env)).as("rows loaded").isPositive();
      assertClone(p, source, target);
      switch (file) {
        case "demo.yaml" -> assertVerified(p, env);
        case "anonymized-subset.yaml" -> assertSubset(source, target);
        case "subset.yaml" -> assertCustomerSubset(source, target);
        case "anonymize.yaml" -> assertAnonymized(source, target);
        case "schema-map.yaml" -> assertThat(Shop.tables(target, "public")).as("public of the target").isEmpty();
        case "base-and-load-only.yaml" -> sealLater(p, env, source, target);
        case "keep-in-sync.yaml" -> syncAgain(p, env, source, target);
        case "schema-then-rows.yaml" -> evolveAndRunAgain(p, env, source, target);
        default -> fail("no checks for " + file);
      }
    }
  }

  /**
   * The variables an example needs. Unknown files fail: add a case saying how to run the new example (and
   * one in the switch above for what to check beyond the generic checks).
   */
  private static Map<String, String> prepare(String file, TestDatabase source, TestDatabase target) {
    Map<String, String> env = new HashMap<>();
    switch (file) {
      case "demo.yaml" -> {
        env.put("DEMO_SOURCE_URL", source.url());
        env.put("DEMO_TARGET_URL", target.url());
        env.put("PGFERRY_SALT", SALT);
      }
      case "anonymized-subset.yaml", "anonymize.yaml", "subset.yaml" -> {
        env.put("SOURCE_URL", source.url());
        env.put("TARGET_URL", target.url());
        env.put("PGFERRY_SALT", SALT);
      }
      case "schema-map.yaml", "base-and-load-only.yaml", "keep-in-sync.yaml", "schema-then-rows.yaml" -> {
        env.put("SOURCE_URL", source.url());
        env.put("TARGET_URL", target.url());
      }
      default -> fail("pipelines/" + file + " is not known to ExamplePipelinesTest: add it to prepare() with the variables it"
          + " needs, and to the checks in run_examplePipeline_targetHoldsWhatTheFileDescribes");
    }
    env.put("JOBS", "3");
    return env;
  }

  /** schema-map.yaml with the source database as its target, which only a schema map that moves everything allows. */
  @Test
  void run_schemaMapIntoTheSourceDatabase_copiesIntoMigratedAndLeavesPublicUntouched() {
    try (TestDatabase source = Shop.create()) {
      Map<String, String> before = publicDigests(source);
      Map<String, String> env = Map.of("SOURCE_URL", source.url(), "TARGET_URL", source.url());
      Pipeline p = PipelineParser.parse(DIR.resolve("schema-map.yaml"), env);

      run(p, env);

      assertThat(publicDigests(source)).as("public after the run").isEqualTo(before);
      assertClone(p, source, source);
      assertThat(Shop.tables(source, "migrated")).extracting(Rel::name)
          .containsExactly("customers", "order_items", "orders", "products");
      assertThat(source.scalar("SELECT count(*) FROM pg_views WHERE schemaname = 'migrated'")).isEqualTo("1");
    }
  }

  /** Runs the pipeline's steps as `pgferry run` does; returns the rows the clone loaded plus those the sync wrote. */
  private long run(Pipeline p, Map<String, String> env) {
    long rows = 0;
    for (Step step : p.steps()) {
      switch (step) {
        case CLONE -> rows += new CloneRunner(RunListener.SILENT).run(Pipelines.toCloneOptions(p, env, home)).rows();
        case SCHEMA_SYNC -> new SchemaSyncRunner(RunListener.SILENT).run(Pipelines.toSchemaSyncOptions(p, env, home));
        case SYNC -> {
          SyncReport r = new SyncRunner(RunListener.SILENT).run(Pipelines.toSyncOptions(p, env, home));
          assertThat(r.failure()).as("sync failure").isNull();
          rows += r.inserted() + r.updated() + r.deleted();
        }
      }
    }
    return rows;
  }

  /**
   * The generic checks: every table the pipeline selects is in its mapped schema with exactly the rows its
   * filter keeps, untransformed columns identical, transformed ones changed as configured; tables it does
   * not select are absent; after a seal, every constraint and index of the selected tables is there.
   */
  static void assertClone(Pipeline p, TestDatabase source, TestDatabase target) {
    List<Rel> all = Shop.tables(source, "public");
    List<Rel> selected = all.stream().filter(t -> p.selects(t.schema(), t.name())).toList();
    assertThat(selected).as("tables the pipeline selects").isNotEmpty();
    for (Rel from : all) {
      Rel to = new Rel(p.targetSchema(from.schema()), from.name());
      if (!selected.contains(from)) {
        if (!to.equals(from)) {
          assertThat(Shop.exists(target, to)).as(to + " is not selected, so not created").isFalse();
        }
        continue;
      }
      String where = Shop.where(p, from);
      if (where != null) {
        assertThat(Shop.count(source, from, where)).as(from + ": the filter keeps some rows, not all")
            .isPositive().isLessThan(Shop.count(source, from, null));
      }
      List<TransformRule> rules = Shop.transforms(p, from);
      List<String> untouched = Shop.columns(source, from).stream()
          .filter(c -> rules.stream().noneMatch(r -> r.column().equals(c))).toList();
      assertThat(Shop.digest(target, to, untouched, null)).as(to + ": rows and untransformed columns " + untouched)
          .isEqualTo(Shop.digest(source, from, untouched, where));
      rules.forEach(r -> Shop.assertTransformed(r, source, from, where, target, to));
      if (p.steps().contains(Step.CLONE) && p.phases().contains(Phase.SEAL) || p.steps().contains(Step.SCHEMA_SYNC)) {
        assertThat(Shop.sealObjects(target, to, t -> true)).as(to + ": constraints and indexes")
            .isEqualTo(Shop.sealObjects(source, from, selected::contains));
      } else if (p.steps().contains(Step.SYNC)) {
        // A sync creates missing tables without foreign keys: its tables fill in parallel, parents not first.
        assertThat(Shop.sealObjects(target, to, t -> true)).as(to + ": constraints and indexes but foreign keys")
            .isEqualTo(Shop.sealObjects(source, from, t -> false));
      }
    }
  }

  private static Map<String, String> publicDigests(TestDatabase db) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Rel t : Shop.tables(db, "public")) {
      out.put(t.toString(), Shop.digest(db, t, Shop.columns(db, t), null));
    }
    return out;
  }

  private void assertVerified(Pipeline p, Map<String, String> env) {
    CloneOptions o = Pipelines.toCloneOptions(p, env, home);
    Verification v = Verification.compare(o.source(), o.target(), o.schemaMap());
    assertThat(v.ok()).as(String.join("\n", v.lines())).isTrue();
  }

  /**
   * Only recent orders and their items, every customer; and the seal added every foreign key as valid, which
   * it could only do because order_items is filtered through orders.
   */
  private static void assertSubset(TestDatabase source, TestDatabase target) {
    assertThat(target.scalar("SELECT count(*) FROM public.orders WHERE placed_at < '2024-06-01'")).isEqualTo("0");
    assertThat(target.scalar("SELECT count(*) FROM public.orders")).isEqualTo(
        source.scalar("SELECT count(*) FROM public.orders WHERE placed_at >= '2024-06-01'"));
    assertThat(target.scalar("SELECT count(*) FROM public.order_items i WHERE NOT EXISTS"
        + " (SELECT 1 FROM public.orders o WHERE o.id = i.order_id)")).as("items without their order").isEqualTo("0");
    assertThat(target.scalar("SELECT count(*) FROM public.customers")).isEqualTo("5000");
    assertThat(target.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated"
        + " AND connamespace = 'public'::regnamespace")).isEqualTo(
        source.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace"));
  }

  /**
   * subset.yaml: the start customers and every row that belongs to them, every product their items name and
   * nothing else; each count computed on the source in plain SQL; every foreign key valid.
   */
  private static void assertCustomerSubset(TestDatabase source, TestDatabase target) {
    assertThat(target.scalar("SELECT count(*) FROM public.customers")).isEqualTo(
        source.scalar("SELECT count(*) FROM public.customers WHERE id % 50 = 1"));
    assertThat(target.scalar("SELECT count(*) FROM public.orders")).isEqualTo(
        source.scalar("SELECT count(*) FROM public.orders WHERE customer_id % 50 = 1"));
    assertThat(target.scalar("SELECT count(*) FROM public.order_items")).isEqualTo(source.scalar(
        "SELECT count(*) FROM public.order_items WHERE order_id IN (SELECT id FROM public.orders WHERE customer_id % 50 = 1)"));
    assertThat(target.scalar("SELECT count(*) FROM public.products")).isEqualTo(source.scalar("SELECT count(DISTINCT product_id)"
        + " FROM public.order_items WHERE order_id IN (SELECT id FROM public.orders WHERE customer_id % 50 = 1)"));
    assertThat(target.scalar("SELECT count(*) FROM public.\"Customer Notes\"")).isEqualTo(
        source.scalar("SELECT count(*) FROM public.\"Customer Notes\" WHERE \"Customer ID\" % 50 = 1"));
    assertThat(target.scalar("SELECT count(*) FROM public.customers WHERE full_name <> 'Anonymous Customer'")).isEqualTo("0");
    assertThat(target.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated"
        + " AND connamespace = 'public'::regnamespace")).isEqualTo(
        source.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace"));
  }

  /**
   * keep-in-sync.yaml: after new, changed and deleted rows in the source, a second run brings every table back
   * to the source's rows, and the marks of both runs are in the target's state tables.
   */
  private void syncAgain(Pipeline p, Map<String, String> env, TestDatabase source, TestDatabase target) {
    source.execute("""
        INSERT INTO orders (customer_id, status, placed_at) SELECT id, 'paid', now() FROM customers WHERE id <= 40;
        INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price)
          SELECT o.id, 1, 1, 2, 9.99 FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id);
        UPDATE products SET price = price + 1 WHERE id % 7 = 0;
        DELETE FROM orders WHERE id IN (SELECT id FROM orders ORDER BY id LIMIT 3);
        """);

    assertThat(run(p, env)).as("rows written by the second run").isPositive();

    assertClone(p, source, target);
    assertThat(target.scalar("SELECT count(DISTINCT run_id) FROM pgferry.sync_table")).isEqualTo("2");
  }

  /**
   * schema-then-rows.yaml: the source gains a column, a table and an index and loses a column; the next run
   * adds them, keeps the dropped column's values in a backup table, and brings the rows along.
   */
  private void evolveAndRunAgain(Pipeline p, Map<String, String> env, TestDatabase source, TestDatabase target) {
    assertThat(target.scalar("SELECT count(*) FROM pg_views WHERE viewname = 'customer_order_totals'")).isEqualTo("1");
    source.execute("""
        ALTER TABLE products ADD COLUMN discontinued boolean NOT NULL DEFAULT false;
        UPDATE products SET discontinued = true WHERE id % 5 = 0;
        ALTER TABLE customers DROP COLUMN tags;
        CREATE TABLE coupons (code text PRIMARY KEY, percent integer NOT NULL CHECK (percent BETWEEN 1 AND 90));
        INSERT INTO coupons VALUES ('WELCOME', 10), ('VIP', 25);
        CREATE INDEX products_name_idx ON products (name);
        INSERT INTO orders (customer_id, status, placed_at) VALUES (1, 'paid', now());
        """);

    run(p, env);

    assertClone(p, source, target);
    assertThat(target.scalar("SELECT count(*) FROM products WHERE discontinued")).isEqualTo(
        source.scalar("SELECT count(*) FROM products WHERE discontinued"));
    assertThat(target.scalar("SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'tags'"))
        .isEqualTo("0");
    assertThat(target.scalar("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'bak_customers_tags_%'")).as("backup of tags")
        .isEqualTo("1");
    SchemaSyncReport again = new SchemaSyncRunner(RunListener.SILENT).diff(Pipelines.toSchemaSyncOptions(p, env, home).withDryRun(true));
    assertThat(again.identical()).as(again.script()).isTrue();
  }

  /** anonymize.yaml: no original e-mail, name or street left, and fakes look like what they replace. */
  private static void assertAnonymized(TestDatabase source, TestDatabase target) {
    assertThat(target.scalar("SELECT count(*) FROM public.customers WHERE email LIKE '%@example.com'")).isEqualTo("0");
    assertThat(target.scalar("SELECT count(*) FROM public.customers WHERE email ~ '^[a-z0-9.]+@[a-z0-9.-]+$'")).isEqualTo("5000");
    assertThat(target.scalar("SELECT count(*) FROM public.customers WHERE address ->> 'street' LIKE '% Main St%'")).isEqualTo("0");
    assertThat(target.scalar("SELECT count(*) FROM public.customers WHERE address ->> 'city' IN ('London', 'Paris', 'Berlin', 'Oslo')"))
        .isNotEqualTo(source.scalar("SELECT count(*) FROM public.customers"));
    assertThat(target.scalar("SELECT count(*) FROM public.customer_order_totals")).isEqualTo("5000");
  }

  /** base-and-load-only.yaml: nothing sealed after the first run; PHASES=seal adds it all, and the clone verifies. */
  private void sealLater(Pipeline p, Map<String, String> env, TestDatabase source, TestDatabase target) {
    assertThat(p.phases()).containsExactly(Phase.BASE, Phase.LOAD);
    assertThat(Shop.sealObjectCount(target, "public")).as("constraints and indexes before the seal").isZero();
    // plain views come with the tables (functions and domains may use their row types)
    assertThat(target.scalar("SELECT count(*) FROM pg_views WHERE schemaname = 'public'"))
        .isEqualTo(source.scalar("SELECT count(*) FROM pg_views WHERE schemaname = 'public'"));
    assertThat(target.scalar("SELECT last_value FROM public.invoice_number_seq")).as("sequences are set by the load")
        .isEqualTo(source.scalar("SELECT last_value FROM public.invoice_number_seq"));

    Map<String, String> sealEnv = new HashMap<>(env);
    sealEnv.put("PHASES", "seal");
    Pipeline seal = PipelineParser.parse(DIR.resolve("base-and-load-only.yaml"), sealEnv);
    assertThat(seal.phases()).isEqualTo(Set.of(Phase.SEAL));
    run(seal, sealEnv);

    assertClone(seal, source, target);
    assertVerified(seal, sealEnv);
  }
}
