package io.pgferry.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.clone.CloneReport;
import io.pgferry.orchestrator.clone.CloneRunner;
import io.pgferry.orchestrator.clone.CloneTuning;
import io.pgferry.orchestrator.connect.ConnectionInput;
import io.pgferry.orchestrator.connect.ConnectionSpec;
import io.pgferry.orchestrator.subset.SubsetSpec;
import io.pgferry.testkit.DatabaseSnapshot;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A clone whose load runs as a Flink job on the mini cluster ends exactly as the same clone on the local engine:
 * the same catalog, the same rows, with column rules applied on the task managers as they are locally, and a
 * subset's rows chosen again there from the same snapshot.
 */
class FlinkEngineCloneTest {
  static final String SHOP = """
      CREATE TABLE people (id int PRIMARY KEY, email text NOT NULL, name text);
      CREATE TABLE events (id bigint PRIMARY KEY, person_id int NOT NULL REFERENCES people, kind text, payload jsonb);
      CREATE TABLE notes (person_id int, body text);
      CREATE TABLE "Odd Name" (k text PRIMARY KEY, v numeric);
      CREATE TABLE measures (at date NOT NULL, v int) PARTITION BY RANGE (at);
      CREATE TABLE measures_2024 PARTITION OF measures FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE measures_2025 PARTITION OF measures FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
      INSERT INTO people SELECT g, 'p' || g || '@example.com', 'person ' || g FROM generate_series(1, 20000) g;
      INSERT INTO events SELECT g, 1 + g % 20000, 'k' || g % 7, jsonb_build_object('n', g, 'pad', repeat('x', g % 200))
        FROM generate_series(1, 80000) g;
      INSERT INTO notes SELECT g % 300, 'note ' || g FROM generate_series(1, 3000) g;
      INSERT INTO "Odd Name" SELECT 'k' || g, g / 7.0 FROM generate_series(1, 500) g;
      INSERT INTO measures SELECT DATE '2024-01-01' + g % 700, g FROM generate_series(1, 10000) g;
      ANALYZE;
      """;

  static final List<String> TABLES = List.of("public.people", "public.events", "public.notes", "public.\"Odd Name\"",
      "public.measures_2024", "public.measures_2025");

  static ConnectionSpec endpoint(TestDatabase db, String role) {
    return ConnectionSpec.resolve(ConnectionInput.ofUrl(db.url()), role, Map.of(), Path.of("/nonexistent-home"));
  }

  /** Small chunks, so that the big tables are split into pieces that both readers take. */
  static CloneRunner runner() {
    return new CloneRunner(RunListener.SILENT, CloneTuning.builder().chunkBytes(512 * 1024).build());
  }

  static CloneOptions.Builder options(TestDatabase source, TestDatabase target) {
    return CloneOptions.builder(endpoint(source, "SOURCE"), endpoint(target, "TARGET")).jobs(2)
        .transforms(List.of(new CloneOptions.ColumnRule("public.people", "email", "hash", Map.of(), "test", null),
            new CloneOptions.ColumnRule("public.people", "name", "fake", Map.of("kind", "full_name"), "test", null)))
        .salt("flink-test-salt");
  }

  @Test
  void clone_flinkEngineOnTheMiniCluster_equalsTheLocalEngineWithTransforms() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "fl_src").execute(SHOP);
        TestDatabase local = TestDatabase.create(PostgresServers.target(), "fl_local");
        TestDatabase flink = TestDatabase.create(PostgresServers.target(), "fl_flink")) {
      CloneReport expected = runner().run(options(source, local).build());
      List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
      CloneReport report = new CloneRunner(new RunListener() {
        @Override
        public void phaseStarted(String phase, String detail) {
          lines.add(phase + " " + detail);
        }
      }, CloneTuning.builder().chunkBytes(512 * 1024).build()).run(options(source, flink).engine("flink", null).build());
      assertThat(lines).as("the progress names the engine and the pieces").anyMatch(l -> l.matches("load \\d+ pieces on flink \\(in this process\\)"));

      assertThat(DatabaseSnapshot.of(flink)).isEqualTo(DatabaseSnapshot.of(local));
      for (String t : TABLES) {
        assertThat(TableDigest.of(flink, t)).as(t).isEqualTo(TableDigest.of(local, t));
      }
      assertThat(TableDigest.of(flink, "public.events")).isEqualTo(TableDigest.of(source, "public.events"));
      assertThat(TableDigest.of(flink, "public.people")).isNotEqualTo(TableDigest.of(source, "public.people"));
      assertThat(report.tables()).hasSameSizeAs(expected.tables());
      assertThat(report.tables().stream().mapToLong(r -> r.rows()).sum()).isEqualTo(113500);
      assertThat(flink.scalar("SELECT to_regclass('pgferry.clone_piece') IS NULL")).as("the record is removed after the run").isEqualTo("t");
    }
  }

  @Test
  void clone_subsetOnTheFlinkEngine_copiesTheRowsTheLocalEngineDoes() {
    SubsetSpec evenPeople = new SubsetSpec(Map.of(QualifiedName.of("public", "people"), SubsetSpec.Start.where("id % 50 = 0")), true,
        SubsetSpec.Others.ALL, List.of(), Set.of(), SubsetSpec.DEFAULT_MEMORY);
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "fl_sub_src").execute(SHOP);
        TestDatabase local = TestDatabase.create(PostgresServers.target(), "fl_sub_local");
        TestDatabase flink = TestDatabase.create(PostgresServers.target(), "fl_sub_flink")) {
      runner().run(options(source, local).subset(evenPeople).build());
      runner().run(options(source, flink).subset(evenPeople).engine("flink", null).build());
      assertThat(flink.scalar("SELECT count(*) FROM events")).isEqualTo(local.scalar("SELECT count(*) FROM events")).isNotEqualTo("0");
      for (String t : TABLES) {
        assertThat(TableDigest.of(flink, t)).as(t).isEqualTo(TableDigest.of(local, t));
      }
    }
  }
}
