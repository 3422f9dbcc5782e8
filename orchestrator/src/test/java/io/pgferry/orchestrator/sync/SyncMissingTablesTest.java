package io.pgferry.orchestrator.sync;

import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.connect.ConnectionInput;
import io.pgferry.orchestrator.connect.ConnectionSpec;
import io.pgferry.orchestrator.connect.Endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.loader.Syncer;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sync creates the tables the target lacks together with the enums, domains and sequences they need. */
class SyncMissingTablesTest {
  private static final String DDL = """
      CREATE SCHEMA kinds;
      CREATE TYPE kinds.mood AS ENUM ('sad', 'ok', 'happy');
      CREATE DOMAIN kinds.positive AS integer CHECK (VALUE > 0);
      CREATE SEQUENCE invoice_seq START 1000;
      CREATE TABLE a (id serial PRIMARY KEY, mood kinds.mood NOT NULL, moods kinds.mood[], n kinds.positive,
                      invoice bigint DEFAULT nextval('invoice_seq'));
      CREATE TABLE b (id bigint PRIMARY KEY, mood kinds.mood, n kinds.positive);
      INSERT INTO a (mood, moods, n) SELECT 'ok', '{sad,happy}', i FROM generate_series(1, 50) i;
      INSERT INTO b SELECT i, 'happy', i FROM generate_series(1, 20) i;
      """;

  @TempDir Path home;
  private TestDatabase src;
  private TestDatabase dst;

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "syncmiss_src").execute(DDL);
    dst = TestDatabase.create(PostgresServers.target(), "syncmiss_dst");
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  private SyncOptions options(String targetSchema) {
    Endpoint s = ConnectionSpec.resolve(ConnectionInput.ofUrl(src.url()), "SOURCE", Map.of(), home);
    Endpoint t = ConnectionSpec.resolve(ConnectionInput.ofUrl(dst.url()), "TARGET", Map.of(), home);
    return SyncOptions.builder(s, t).include(List.of("public.*")).jobs(2).batchSize(100).targetSchema(targetSchema)
        .build();
  }

  @Test
  void sync_tablesUsingEnumDomainAndSequences_createsThoseOnceThenTheTables() {
    SyncReport r = new SyncRunner(RunListener.SILENT).run(options(null));

    assertThat(r.failed()).isEmpty();
    assertThat(r.created()).containsExactlyInAnyOrder("public.a", "public.b");
    assertThat(dst.scalar("SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum"
        + " WHERE enumtypid = 'kinds.mood'::regtype")).isEqualTo("sad,ok,happy");
    assertThat(dst.scalar("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contypid = 'kinds.positive'::regtype"))
        .isEqualTo("CHECK ((VALUE > 0))");
    assertThat(dst.scalar("SELECT count(*) FROM a WHERE moods = '{sad,happy}'")).isEqualTo("50");
    // The serial's sequence belongs to its column, and new rows in the target draw from where the source was.
    assertThat(dst.scalar("SELECT pg_get_serial_sequence('a', 'id')")).isEqualTo("public.a_id_seq");
    dst.execute("INSERT INTO a (mood) VALUES ('sad')");
    assertThat(dst.scalar("SELECT max(id) FROM a")).isEqualTo("51");
  }

  @Test
  void sync_intoTargetSchema_createsTheTypesTheTablesUseThereToo() {
    src.execute("CREATE TYPE public.size AS ENUM ('s', 'm', 'l'); ALTER TABLE b ADD COLUMN size public.size DEFAULT 'm'");

    SyncReport r = new SyncRunner(RunListener.SILENT).run(options("migrated"));

    assertThat(r.failed()).isEmpty();
    assertThat(dst.scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
        + " WHERE attrelid = 'migrated.b'::regclass AND attname = 'size'")).isEqualTo("migrated.size");
    assertThat(dst.scalar("SELECT count(*) FROM migrated.b WHERE size = 'm' AND mood = 'happy'")).isEqualTo("20");
  }
}
