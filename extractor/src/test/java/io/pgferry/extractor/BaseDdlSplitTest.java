package io.pgferry.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which tables the first of two base transactions can create whole, and that both together equal the single list. */
class BaseDdlSplitTest {
  private static final String SCHEMA = """
      CREATE TYPE mood AS ENUM ('ok', 'sad');
      CREATE TABLE big (id serial PRIMARY KEY, m mood, payload text) WITH (fillfactor = 90);
      ALTER TABLE big ALTER COLUMN payload SET STORAGE EXTERNAL;
      CREATE TABLE plain (id bigint GENERATED ALWAYS AS IDENTITY, note text);
      CREATE TABLE parent_t (id int);
      CREATE TABLE child_t (extra int) INHERITS (parent_t);
      CREATE TABLE part (id int, r text) PARTITION BY LIST (r);
      CREATE TABLE part_a PARTITION OF part FOR VALUES IN ('a');
      CREATE TABLE holder (id int);
      CREATE TABLE held (h holder);
      CREATE TABLE small (id int)""";

  private static QualifiedName t(String name) {
    return new QualifiedName("public", name);
  }

  @Test
  void base_largestTablesWanted_onlyTablesNothingElseTouchesGoFirstAndBothPartsEqualTheWhole() throws SQLException {
    try (TestDatabase db = TestDatabase.create(PostgresServers.source(), "base_split").execute(SCHEMA);
        TestDatabase copy = TestDatabase.create(PostgresServers.target(), "base_split_copy");
        Connection c = db.connect()) {
      Catalog catalog = CatalogReader.read(c);
      DdlWriter ddl = new DdlWriter(SchemaMap.of(java.util.Map.of()));

      BaseDdl split = ddl.base(catalog, Set.of(t("big"), t("plain"), t("parent_t"), t("child_t"), t("part"), t("part_a"),
          t("holder")));

      // inheritance and partitions are linked by statements of the second part; big's options, storage and
      // owned sequence come with it; held (of holder's row type) stays in the second part
      assertThat(split.early()).containsExactlyInAnyOrder(t("big"), t("plain"), t("holder"));
      assertThat(split.first()).extracting(SqlStatement::purpose).contains("create table public.big", "create table public.plain",
          "create enum public.mood", "create sequence public.big_id_seq").doesNotContain("create table public.small");
      assertThat(String.join(";\n", split.first().stream().map(SqlStatement::sql).toList()))
          .contains("fillfactor", "SET STORAGE EXTERNAL", "OWNED BY \"public\".\"big\".\"id\"");
      assertThat(split.rest()).extracting(SqlStatement::purpose).contains("create table public.held", "create table public.small",
          "create table public.child_t", "attach partition public.part_a to public.part");
      List<SqlStatement> both = new ArrayList<>(split.first());
      both.addAll(split.rest());
      assertThat(both).containsExactlyInAnyOrderElementsOf(ddl.base(catalog));
      copy.execute(String.join(";\n", split.first().stream().map(SqlStatement::sql).toList()));
      copy.execute(String.join(";\n", split.rest().stream().map(SqlStatement::sql).toList()));
      assertThat(copy.scalar("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')"))
          .isEqualTo("9");
    }
  }

  @Test
  void base_nothingWanted_firstPartIsTheWholeListInItsOrder() throws SQLException {
    try (TestDatabase db = TestDatabase.create(PostgresServers.source(), "base_split_none").execute(SCHEMA);
        Connection c = db.connect()) {
      Catalog catalog = CatalogReader.read(c);
      DdlWriter ddl = new DdlWriter(SchemaMap.of(java.util.Map.of()));

      BaseDdl split = ddl.base(catalog, Set.of());

      assertThat(split.early()).isEmpty();
      assertThat(split.rest()).isEmpty();
      assertThat(split.first()).isEqualTo(ddl.base(catalog));
    }
  }
}
