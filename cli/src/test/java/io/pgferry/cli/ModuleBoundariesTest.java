package io.pgferry.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each module may use of the others, checked on the compiled main classes of every module (this module's
 * test class path holds them all). Dependencies point one way, and a module uses only another's API: the types
 * listed here. Java's package-private keeps most internals to their package; this test covers the types a module
 * had to make public for its own feature packages (the orchestrator's clone planner, its target guard, …), so
 * that they stay internal to their module. A new entry here is a decision to grow a module's API: say why in
 * docs/architecture.md.
 */
class ModuleBoundariesTest {
  /** Each library module's API: simple names under its root package (a subpackage's as "sub.Name"); nested types follow their owner. */
  static final Map<String, Set<String>> API = Map.of(
      "extractor", Set.of("Catalog", "CatalogLocks", "CatalogReader", "Column", "Constraint", "DdlWriter", "DependencyOrder",
          "EnumType", "Extensions", "ExtractException", "PgferryException", "ConnectionSource", "Index", "ObjectKey", "Option", "QualifiedName", "Roles", "SchemaMap",
          "SchemaObject", "Sequence", "SequenceOptions", "ServerError", "Sql", "SqlLexer", "SqlStatement", "Table", "View"),
      "schemadiff", Set.of("DiffOptions", "SchemaDiff", "SchemaPlan", "Hazard"),
      "applier", Set.of("Applier", "ApplyException", "ParallelApplier", "Reconnect"),
      "loader", Set.of("BinaryTypes", "LoadException", "LoadReport", "Loader", "PieceJournal", "PieceResult", "PieceRetry", "PieceSpec", "Previews",
          "ProgressListener", "RowAddresses", "RowTransformer", "Samples", "Snapshots", "SourceSide", "SyncListener", "SyncMode", "SyncResult",
          "SyncRun", "SyncState", "Syncer", "TableLoad", "TablePreview", "TableResult", "TableSync", "When"),
      "anonymizer", Set.of("PiiDetector", "TransformerCatalog", "TransformerContext", "TransformerSpec", "Transformers"),
      "orchestrator", Set.of("Bytes", "Phase", "RunListener",
          "anonymize.PiiScanner", "anonymize.PreviewReport", "anonymize.Previewer", "anonymize.ScanOptions", "anonymize.ScanReport",
          "anonymize.TransformRule",
          "clone.CloneOptions", "clone.ClonePlan", "clone.CloneReport", "clone.CloneRunner", "clone.CloneTuning", "clone.Verification",
          "clone.LoadEngine", "clone.LoadJob", "clone.RemoteLoads",
          "connect.ConnectionInput", "connect.ConnectionSpec", "connect.EnvFile",
          "follow.FollowOptions", "follow.FollowReport", "follow.FollowRunner", "follow.FollowStatus",
          "pipeline.Pipeline", "pipeline.PipelineParser", "pipeline.PipelineReport", "pipeline.Pipelines", "pipeline.Step",
          "pipeline.SyncConfig", "resume.CloneJournal",
          "schemasync.SchemaSyncOptions", "schemasync.SchemaSyncReport", "schemasync.SchemaSyncRunner",
          "subset.Subset", "subset.SubsetPlan", "subset.SubsetSpec",
          "sync.SyncOptions", "sync.SyncReport", "sync.SyncRunner", "sync.StatusReport", "sync.SyncStatusReport"));

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    // main classes only, from target/classes or from the modules' jars (mvn verify puts the jars on the path)
    // (other jars are skipped unread: the PostgreSQL binaries alone are hundreds of megabytes)
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.isJar() || location.contains("pgferry-")).importPackages("io.pgferry");
  }

  @Test
  void modules_everyLibraryModule_foundOnTheClassPath() {
    // a module missing here would be checked by nothing
    Set<String> found = new TreeSet<>();
    classes.forEach(c -> found.add(c.getPackageName().split("\\.")[2]));
    assertThat(found).containsAll(API.keySet()).contains("cli");
  }

  @Test
  void dependencies_betweenModules_pointOneWay() {
    Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("extractor").definedBy("io.pgferry.extractor..")
        .layer("schemadiff").definedBy("io.pgferry.schemadiff..")
        .layer("applier").definedBy("io.pgferry.applier..")
        .layer("loader").definedBy("io.pgferry.loader..")
        .layer("anonymizer").definedBy("io.pgferry.anonymizer..")
        .layer("orchestrator").definedBy("io.pgferry.orchestrator..")
        .layer("cli").definedBy("io.pgferry.cli..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("orchestrator").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("anonymizer").mayOnlyBeAccessedByLayers("orchestrator", "cli")
        .whereLayer("loader").mayOnlyBeAccessedByLayers("anonymizer", "orchestrator", "cli")
        .whereLayer("applier").mayOnlyBeAccessedByLayers("orchestrator", "cli")
        .whereLayer("schemadiff").mayOnlyBeAccessedByLayers("orchestrator", "cli")
        .check(classes);
  }

  static List<String> modules() {
    return API.keySet().stream().sorted().toList();
  }

  @ParameterizedTest
  @MethodSource("modules")
  void otherModules_useOf_onlyItsApi(String module) {
    internalsUsedFromOutside(module).check(classes);
  }

  /** The rule for one module, also used by {@link ModuleBoundariesRuleTest} to show it can fail. */
  static ArchRule internalsUsedFromOutside(String module) {
    String root = "io.pgferry." + module;
    DescribedPredicate<JavaClass> internal = new DescribedPredicate<>("internal to " + module + " (not in its API)") {
      @Override
      public boolean test(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
          top = top.getEnclosingClass().get();
        }
        String name = top.getName();
        if (!name.startsWith(root + ".")) {
          return false;
        }
        return !API.get(module).contains(name.substring(root.length() + 1));
      }
    };
    return noClasses().that().resideOutsideOfPackage(root + "..").should().dependOnClassesThat(internal)
        .because("a module uses only another's API (ModuleBoundariesTest.API, docs/architecture.md)");
  }
}
