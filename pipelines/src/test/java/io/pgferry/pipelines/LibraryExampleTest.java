package io.pgferry.pipelines;

import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.clone.CloneReport;
import io.pgferry.orchestrator.clone.CloneRunner;
import io.pgferry.orchestrator.clone.Verification;
import io.pgferry.orchestrator.connect.ConnectionInput;
import io.pgferry.orchestrator.connect.ConnectionSpec;
import io.pgferry.orchestrator.pipeline.Pipeline;
import io.pgferry.orchestrator.pipeline.PipelineParser;
import io.pgferry.orchestrator.pipeline.Pipelines;
import io.pgferry.orchestrator.schemasync.SchemaSyncOptions;
import io.pgferry.orchestrator.schemasync.SchemaSyncReport;
import io.pgferry.orchestrator.schemasync.SchemaSyncRunner;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.applier.Applier;
import io.pgferry.applier.ParallelApplier;
import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.CatalogReader;
import io.pgferry.extractor.DdlWriter;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.SchemaMap;
import io.pgferry.extractor.SqlStatement;
import io.pgferry.extractor.Table;
import io.pgferry.loader.LoadReport;
import io.pgferry.loader.Loader;
import io.pgferry.loader.TableLoad;
import io.pgferry.pipelines.Shop.Rel;
import io.pgferry.schemadiff.DiffOptions;
import io.pgferry.schemadiff.SchemaDiff;
import io.pgferry.schemadiff.SchemaPlan;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code of docs/library.md, run against embedded PostgreSQL. Every ```java block of the doc must appear
 * in this file line for line (indentation aside), which {@link #libraryDoc_javaBlocks_appearVerbatimInThisTest}
 * checks, so the doc shows only code that compiles and works.
 */
class LibraryExampleTest {
  static final Path DOC = ExamplePipelinesTest.DIR.resolve("../docs/library.md");
  static final Path THIS_FILE = ExamplePipelinesTest.DIR.resolve("src/test/java/io/pgferry/pipelines/LibraryExampleTest.java");

  @TempDir Path home;

  @Test
  void phases_oneTableAtATime_copiesCustomersAndNotesWithTheirConstraints() throws SQLException {
    try (TestDatabase shop = Shop.create(); TestDatabase copy = TestDatabase.create(PostgresServers.target(), "library")) {
      String sourceJdbcUrl = shop.jdbcUrl();
      String targetJdbcUrl = copy.jdbcUrl();

      // --- docs/library.md: read the catalog, DDL of one table
      Catalog catalog;
      try (Connection source = DriverManager.getConnection(sourceJdbcUrl)) {
        catalog = CatalogReader.read(source);
      }
      Table customers = catalog.table(QualifiedName.of("public", "customers")).orElseThrow();
      Table notes = catalog.table(QualifiedName.of("public", "Customer Notes")).orElseThrow();

      DdlWriter ddl = new DdlWriter(SchemaMap.identity());
      SqlStatement createCustomers = ddl.createTable(customers);     // columns, defaults, NOT NULL, identity
      List<SqlStatement> sealCustomers = ddl.tableSeal(customers);  // keys, checks, indexes, then foreign keys
      // ---

      assertThat(createCustomers.sql()).startsWith("CREATE TABLE \"public\".\"customers\" (").contains("GENERATED ALWAYS AS IDENTITY")
          .doesNotContain("PRIMARY KEY", "UNIQUE", "CHECK");
      assertThat(sealCustomers).extracting(SqlStatement::purpose).containsExactlyInAnyOrder(
          "primary key customers_pkey on public.customers", "unique constraint customers_email_key on public.customers",
          "check constraint customers_email_check on public.customers");

      // --- docs/library.md: apply statements in one transaction
      Applier applier = Applier.builder().lockTimeout(Duration.ofSeconds(10)).build();
      try (Connection target = DriverManager.getConnection(targetJdbcUrl)) {
        applier.apply(target, List.of(createCustomers, ddl.createTable(notes)));
      }
      // ---

      Rel customersRel = new Rel("public", "customers");
      Rel notesRel = new Rel("public", "Customer Notes");
      assertThat(Shop.tables(copy, "public")).containsExactlyInAnyOrder(customersRel, notesRel);
      assertThat(Shop.sealObjectCount(copy, "public")).isZero();

      // --- docs/library.md: copy a set of tables
      LoadReport report = Loader.builder()
          .source(() -> DriverManager.getConnection(sourceJdbcUrl))
          .target(() -> DriverManager.getConnection(targetJdbcUrl))
          .jobs(2)
          .build()
          .load(List.of(TableLoad.of(customers), TableLoad.of(notes)));
      System.out.println(report.rows() + " rows in " + report.elapsed().toMillis() + " ms");
      // ---

      assertThat(report.rows()).isEqualTo(5000 + 2000);
      for (Rel t : List.of(customersRel, notesRel)) {
        List<String> columns = Shop.columns(shop, t);
        assertThat(Shop.digest(copy, t, columns, null)).as(t.toString()).isEqualTo(Shop.digest(shop, t, columns, null));
      }

      // --- docs/library.md: seal
      List<SqlStatement> seal = new ArrayList<>(ddl.tableSeal(customers));
      seal.addAll(ddl.tableSeal(notes));  // its foreign key needs the customers' primary key
      try (Connection target = DriverManager.getConnection(targetJdbcUrl)) {
        applier.apply(target, seal);
      }
      // ---

      for (Rel t : List.of(customersRel, notesRel)) {
        assertThat(Shop.sealObjects(copy, t, x -> true)).as(t.toString()).isEqualTo(Shop.sealObjects(shop, t, x -> true));
      }
    }
  }

  @Test
  void cloneRunner_oneCall_clonesTheShopAndVerifies() {
    try (TestDatabase shop = Shop.create(); TestDatabase copy = TestDatabase.create(PostgresServers.target(), "library")) {
      String sourceUrl = shop.url();
      String targetUrl = copy.url();
      Map<String, String> env = Map.of();  // in an application: System.getenv()

      // --- docs/library.md: one call
      ConnectionSpec source = ConnectionSpec.resolve(ConnectionInput.ofUrl(sourceUrl), "SOURCE", env, home);
      ConnectionSpec target = ConnectionSpec.resolve(ConnectionInput.ofUrl(targetUrl), "TARGET", env, home);
      CloneReport report = new CloneRunner(RunListener.SILENT).run(CloneOptions.of(source, target));
      Verification check = Verification.compare(source, target, Map.of());
      check.lines().forEach(System.out::println);
      // ---

      assertThat(check.ok()).as(String.join("\n", check.lines())).isTrue();
      assertThat(report.rows()).isEqualTo(Long.parseLong(shop.scalar("SELECT (SELECT count(*) FROM public.customers)"
          + " + (SELECT count(*) FROM public.products) + (SELECT count(*) FROM public.orders)"
          + " + (SELECT count(*) FROM public.order_items) + (SELECT count(*) FROM public.\"Customer Notes\")")));
      assertThat(report.phases()).extracting(CloneReport.PhaseReport::phase).containsExactly("extract", "base", "load", "seal");
    }
  }

  @Test
  void cloneRunner_builtOptions_clonesTheChosenTablesIntoAnotherSchema() {
    try (TestDatabase shop = Shop.create(); TestDatabase copy = TestDatabase.create(PostgresServers.target(), "library")) {
      ConnectionSpec source = spec(shop, "SOURCE");
      ConnectionSpec target = spec(copy, "TARGET");

      // --- docs/library.md: options step by step
      CloneOptions options = CloneOptions.builder(source, target)
          .include(List.of("public.customers", "public.orders"))
          .schemaMap(Map.of("public", "copy"))
          .jobs(2)
          .build();
      CloneReport report = new CloneRunner(RunListener.SILENT).run(options);
      // ---

      assertThat(report.tables()).extracting(t -> t.target().toString())
          .containsExactlyInAnyOrder("copy.customers", "copy.orders");
      assertThat(copy.scalar("SELECT count(*) FROM copy.orders")).isEqualTo(shop.scalar("SELECT count(*) FROM public.orders"));
    }
  }

  @Test
  void cloneRunner_pipelineFile_runsLikePgferryRun() {
    try (TestDatabase shop = Shop.create()) {
      Path pipelineFile = ExamplePipelinesTest.DIR.resolve("schema-map.yaml");
      Map<String, String> env = Map.of("SOURCE_URL", shop.url(), "TARGET_URL", shop.url());

      // --- docs/library.md: a pipeline file
      Pipeline pipeline = PipelineParser.parse(pipelineFile, env);
      CloneOptions options = Pipelines.toCloneOptions(pipeline, env, home);
      CloneReport report = new CloneRunner(RunListener.SILENT).run(options);
      // ---

      assertThat(report.tables()).extracting(t -> t.target().toString())
          .containsExactlyInAnyOrder("migrated.customers", "migrated.products", "migrated.orders", "migrated.order_items");
      ExamplePipelinesTest.assertClone(pipeline, shop, shop);
    }
  }

  @Test
  void schemaDiff_devAheadOfProd_planRefusesHazardThenRunnerAppliesIt() throws SQLException {
    try (TestDatabase shop = Shop.create(); TestDatabase copy = TestDatabase.create(PostgresServers.target(), "library")) {
      new CloneRunner(RunListener.SILENT).run(CloneOptions.of(spec(shop, "SOURCE"), spec(copy, "TARGET")));
      shop.execute("ALTER TABLE customers ADD COLUMN loyalty int NOT NULL DEFAULT 0; ALTER TABLE customers ALTER COLUMN phone TYPE varchar(32)");
      String sourceJdbcUrl = shop.jdbcUrl();
      String targetJdbcUrl = copy.jdbcUrl();
      String before = copy.scalar("SELECT count(*) FROM pg_attribute WHERE attrelid = 'public.customers'::regclass AND attnum > 0");

      // --- docs/library.md: compare two schemas
      Catalog devCatalog;
      Catalog prodCatalog;
      try (Connection dev = DriverManager.getConnection(sourceJdbcUrl); Connection prod = DriverManager.getConnection(targetJdbcUrl)) {
        devCatalog = CatalogReader.read(dev);
        prodCatalog = CatalogReader.read(prod);
      }
      DiffOptions options = new DiffOptions(SchemaMap.identity(), List.of("public"), DiffOptions.Preserve.BACKUP, Clock.systemUTC());
      SchemaPlan plan = SchemaDiff.compare(devCatalog, prodCatalog, options);
      System.out.print(plan.render(List.of("dev -> prod")));
      if (plan.refusedHazards(Set.of()).isEmpty()) {
        try (Connection prod = DriverManager.getConnection(targetJdbcUrl)) {
          Applier.builder().lockTimeout(Duration.ofSeconds(5)).build().apply(prod, plan.statements());
        }
      }
      // ---

      assertThat(plan.refusedHazards(Set.of())).containsExactly("public.customers.phone:type-change");
      assertThat(plan.statements()).extracting(SqlStatement::sql)
          .contains("ALTER TABLE \"public\".\"customers\" ADD COLUMN \"loyalty\" integer DEFAULT 0 NOT NULL");
      assertThat(copy.scalar("SELECT count(*) FROM pg_attribute WHERE attrelid = 'public.customers'::regclass AND attnum > 0")).isEqualTo(before);
      ConnectionSpec source = spec(shop, "SOURCE");
      ConnectionSpec target = spec(copy, "TARGET");

      // --- docs/library.md: schema sync in one call
      SchemaSyncOptions sync = SchemaSyncOptions.of(source, target).withAllowHazards(Set.of("public.customers.phone:type-change"));
      SchemaSyncReport result = new SchemaSyncRunner(RunListener.SILENT).run(sync);
      System.out.println(result.applied() ? result.plan().statements().size() + " statements applied" : "already equal");
      // ---

      assertThat(result.applied()).isTrue();
      assertThat(copy.scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'public.customers'::regclass"
          + " AND attname = 'phone'")).isEqualTo("character varying(32)");
      assertThat(copy.scalar("SELECT count(*) FROM customers WHERE loyalty = 0")).isEqualTo(shop.scalar("SELECT count(*) FROM customers"));
      assertThat(new SchemaSyncRunner(RunListener.SILENT).diff(sync).identical()).isTrue();
    }
  }

  @Test
  void parallelApplier_independentLists_allAppliedOnFourConnections() throws InterruptedException {
    try (TestDatabase copy = TestDatabase.create(PostgresServers.target(), "library_lanes")) {
      String targetJdbcUrl = copy.jdbcUrl();
      Applier applier = Applier.builder().lockTimeout(Duration.ofSeconds(10)).build();
      List<List<SqlStatement>> independentLists = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        independentLists.add(List.of(new SqlStatement("CREATE TABLE lane_" + i + " (id int)", "create lane_" + i),
            new SqlStatement("ALTER TABLE lane_" + i + " ADD PRIMARY KEY (id)", "primary key of lane_" + i)));
      }

      // --- docs/library.md: many lists at once
      try (ParallelApplier lanes = ParallelApplier.builder().applier(applier)
          .connections(() -> DriverManager.getConnection(targetJdbcUrl)).lanes(4).build()) {
        for (List<SqlStatement> list : independentLists) {
          lanes.submit(list.size(), () -> lanes.apply(list, true));
        }
        lanes.await();
        if (lanes.failure() != null) {
          throw lanes.failure();
        }
      }
      // ---

      assertThat(copy.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND conrelid::regclass::text LIKE 'lane%'"))
          .isEqualTo("6");
    }
  }

  private ConnectionSpec spec(TestDatabase db, String role) {
    return ConnectionSpec.resolve(ConnectionInput.ofUrl(db.url()), role, Map.of(), home);
  }

  @Test
  void libraryDoc_javaBlocks_appearVerbatimInThisTest() throws IOException {
    String doc = Files.readString(DOC);
    List<String> code = trimmedLines(Files.readString(THIS_FILE));
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    int blocks = 0;
    while (m.find()) {
      blocks++;
      List<String> block = trimmedLines(m.group(1));
      assertThat(indexOf(code, block)).as("docs/library.md java block %d is not in LibraryExampleTest.java:%n%s", blocks, m.group(1))
          .isNotNegative();
    }
    assertThat(blocks).as("java blocks in docs/library.md").isGreaterThanOrEqualTo(5);
  }

  /** Non-blank lines without their indentation. */
  private static List<String> trimmedLines(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  private static int indexOf(List<String> haystack, List<String> needle) {
    for (int i = 0; i + needle.size() <= haystack.size(); i++) {
      if (haystack.subList(i, i + needle.size()).equals(needle)) {
        return i;
      }
    }
    return -1;
  }
}
