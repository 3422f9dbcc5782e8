package io.pgferry.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The base phase's waves: what may run side by side, and what must wait for what. */
class BaseWavesTest {
  private static final String SCHEMA = """
      CREATE TYPE mood AS ENUM ('sad', 'ok');
      CREATE SEQUENCE s;
      CREATE TABLE plain (id int);
      CREATE TABLE uses_enum (m mood);
      CREATE TABLE uses_seq (id int DEFAULT nextval('s'));
      CREATE TABLE "serial T" (id serial);
      CREATE TABLE parent (id int);
      CREATE TABLE child (extra int) INHERITS (parent);
      CREATE TABLE parted (k int) PARTITION BY RANGE (k);
      CREATE TABLE part1 PARTITION OF parted FOR VALUES FROM (0) TO (10);
      CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';
      CREATE TABLE uses_f (x int DEFAULT f());
      """;

  @Test
  void baseWaves_mixedSchema_dependentObjectsComeInLaterWaves() throws SQLException {
    try (TestDatabase db = TestDatabase.create(PostgresServers.source(), "waves_src").execute(SCHEMA)) {
      List<DdlWriter.Wave> waves = new DdlWriter(SchemaMap.identity()).baseWaves(CatalogRoundTripTest.read(db));

      assertThat(wave(waves, "create enum public.mood")).isLessThan(wave(waves, "create table public.uses_enum"));
      assertThat(wave(waves, "create sequence public.s")).isLessThan(wave(waves, "create table public.uses_seq"));
      assertThat(wave(waves, "function public.f(")).isLessThan(wave(waves, "create table public.uses_f"));
      assertThat(wave(waves, "create table public.parent")).isLessThan(wave(waves, "create table public.child"));
      assertThat(wave(waves, "attach partition public.part1")).isGreaterThan(wave(waves, "create table public.part1"))
          .isGreaterThan(wave(waves, "create table public.parted"));
      assertThat(wave(waves, "sequence public.serial T_id_seq owned by"))
          .isGreaterThan(wave(waves, "create table public.serial T"));
    }
  }

  @Test
  void baseWaves_mixedSchema_onlyObjectsThatLockNothingElseAreIndependent() throws SQLException {
    try (TestDatabase db = TestDatabase.create(PostgresServers.source(), "waves_src").execute(SCHEMA)) {
      List<DdlWriter.Wave> waves = new DdlWriter(SchemaMap.identity()).baseWaves(CatalogRoundTripTest.read(db));
      List<String> independent = waves.stream().flatMap(w -> w.independent().stream()).flatMap(List::stream)
          .map(SqlStatement::purpose).toList();
      List<String> inOrder = waves.stream().flatMap(w -> w.inOrder().stream()).map(SqlStatement::purpose).toList();

      assertThat(independent).contains("create enum public.mood", "create sequence public.s", "create table public.plain",
          "create table public.uses_enum", "create table public.part1", "create table public.parted");
      assertThat(independent).anyMatch(p -> p.startsWith("sequence public.serial T_id_seq owned by"));
      // INHERITS locks the parent, ATTACH PARTITION both tables, a routine is checked against what exists
      assertThat(inOrder).contains("create table public.child", "create schema public")
          .anyMatch(p -> p.startsWith("attach partition public.part1")).anyMatch(p -> p.startsWith("function public.f("));
    }
  }

  private static int wave(List<DdlWriter.Wave> waves, String purposeStart) {
    for (int i = 0; i < waves.size(); i++) {
      if (waves.get(i).statements().stream().anyMatch(s -> s.purpose().startsWith(purposeStart))) {
        return i;
      }
    }
    throw new AssertionError("no statement '" + purposeStart + "…' in " + waves);
  }
}
