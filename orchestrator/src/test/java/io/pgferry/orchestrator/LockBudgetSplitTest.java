package io.pgferry.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A phase cut into transactions that fit the target's lock table keeps its SET LOCAL settings in every one. */
class LockBudgetSplitTest {
  private static SqlStatement sql(String text) {
    return new SqlStatement(text, text);
  }

  @Test
  void split_settingAfterTheFirstStatements_repeatedAtTheStartOfEveryLaterTransaction() {
    List<SqlStatement> statements = new ArrayList<>();
    statements.add(sql("CREATE SCHEMA s"));
    statements.add(sql("SET LOCAL check_function_bodies = off"));
    for (int i = 0; i < 10; i++) {
      statements.add(sql("CREATE TABLE s.t" + i + " (id int)"));
    }
    statements.add(sql("CREATE FUNCTION s.f() RETURNS int LANGUAGE sql AS 'SELECT id FROM s.t9'"));

    List<List<SqlStatement>> batches = new LockBudget(7).split(statements);

    assertThat(batches).hasSizeGreaterThan(3);
    assertThat(batches.get(0).get(0).sql()).isEqualTo("CREATE SCHEMA s");
    for (List<SqlStatement> batch : batches.subList(1, batches.size())) {
      assertThat(batch.get(0).sql()).isEqualTo("SET LOCAL check_function_bodies = off");
      assertThat(batch).hasSizeGreaterThan(1);
    }
    assertThat(batches.stream().flatMap(List::stream).filter(s -> !s.sql().startsWith("SET LOCAL")).toList())
        .isEqualTo(statements.stream().filter(s -> !s.sql().startsWith("SET LOCAL")).toList());
  }

  @Test
  void split_everythingFits_oneTransactionAsGiven() {
    List<SqlStatement> statements = List.of(sql("SET LOCAL lock_timeout = 1000"), sql("CREATE TABLE t (id int)"));
    assertThat(new LockBudget(1000).split(statements)).containsExactly(statements);
  }
}
