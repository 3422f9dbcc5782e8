package io.pgferry.orchestrator.clone;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.SqlStatement;
import io.pgferry.extractor.Table;
import io.pgferry.loader.TableLoad;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which base transaction lets each table be copied while the base phase goes on. */
class EarlyLoadScheduleTest {
  private static TableLoad table(String name, QualifiedName... parents) {
    return TableLoad.of(new Table(QualifiedName.of("public", name), List.of(), List.of(), List.of(), false, false, null, null,
        List.of(parents), 1, 8192));
  }

  private static SqlStatement sql(String text) {
    return new SqlStatement(text, "test");
  }

  @Test
  void schedule_tableNamedInALaterTransaction_arrivesAfterTheLastOneThatNamesIt() {
    List<List<SqlStatement>> batches = List.of(
        List.of(sql("CREATE TABLE \"public\".\"a\" (id int)"), sql("CREATE TABLE \"public\".\"b\" (id int)")),
        List.of(sql("CREATE TABLE \"public\".\"c\" (id int)")),
        List.of(sql("ALTER SEQUENCE \"public\".\"s\" OWNED BY \"public\".\"a\".\"id\"")));

    List<List<QualifiedName>> schedule = EarlyLoad.schedule(batches, List.of(table("a"), table("b"), table("c")));

    assertThat(schedule).containsExactly(List.of(QualifiedName.of("public", "b")), List.of(QualifiedName.of("public", "c")),
        List.of(QualifiedName.of("public", "a")));
  }

  @Test
  void schedule_inheritanceOrPartitionTree_arrivesOnlyWithTheEnd() {
    QualifiedName parent = QualifiedName.of("public", "p");
    List<List<SqlStatement>> batches = List.of(
        List.of(sql("CREATE TABLE \"public\".\"p\" (id int)"), sql("CREATE TABLE \"public\".\"lone\" (id int)")),
        List.of(sql("CREATE TABLE \"public\".\"p1\" (id int) INHERITS (\"public\".\"p\")")));

    List<List<QualifiedName>> schedule = EarlyLoad.schedule(batches, List.of(table("p"), table("p1", parent), table("lone")));

    assertThat(schedule).containsExactly(List.of(QualifiedName.of("public", "lone")), List.of());
  }

  @Test
  void quotedPairs_quotesInsideNamesAndChains_everyNeighbouringPair() {
    assertThat(EarlyLoad.quotedPairs("ALTER TABLE \"my \"\"odd\"\" schema\".\"T\" ADD x int DEFAULT '\"a\".\"b\"'"))
        .containsExactly("\"my \"\"odd\"\" schema\".\"T\"", "\"a\".\"b\"");
    assertThat(EarlyLoad.quotedPairs("OWNED BY \"s\".\"t\".\"c\"")).containsExactly("\"s\".\"t\"", "\"t\".\"c\"");
    assertThat(EarlyLoad.quotedPairs("\"lonely\" . \"apart\" \"unterminated.")).isEmpty();
  }
}
