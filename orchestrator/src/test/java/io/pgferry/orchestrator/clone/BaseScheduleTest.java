package io.pgferry.orchestrator.clone;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.DdlWriter;
import io.pgferry.extractor.SqlStatement;
import io.pgferry.orchestrator.LockBudget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the base phase's waves become transactions on one or several connections. */
class BaseScheduleTest {
  private static final SqlStatement SCHEMA = new SqlStatement("CREATE SCHEMA IF NOT EXISTS s", "create schema s");
  private static final SqlStatement BODIES = new SqlStatement("SET LOCAL check_function_bodies = off", "defer checking routine bodies");
  private static final SqlStatement FUNCTION = new SqlStatement("CREATE FUNCTION s.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
      "function s.f()");

  private static List<List<SqlStatement>> units(String kind, int n) {
    List<List<SqlStatement>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String sql = kind.equals("sequence") ? "CREATE SEQUENCE s.q" + i : "CREATE TABLE s.t" + i + " (id int)";
      out.add(List.of(new SqlStatement(sql, "create " + kind + " s." + i)));
    }
    return out;
  }

  private static List<DdlWriter.Wave> waves(int sequences, int tables) {
    List<List<SqlStatement>> independent = new ArrayList<>(units("sequence", sequences));
    independent.addAll(units("table", tables));
    return List.of(new DdlWriter.Wave(List.of(SCHEMA, BODIES), List.of()), new DdlWriter.Wave(List.of(FUNCTION), independent));
  }

  @Test
  void of_smallBase_oneTransactionOnTheRunsConnection() {
    BaseSchedule s = BaseSchedule.of(waves(5, 5), 2, BaseSchedule.PARALLEL_MIN, new LockBudget(1600));

    assertThat(s.steps()).singleElement().satisfies(step -> {
      assertThat(step.parallel()).isFalse();
      assertThat(step.connections()).singleElement().satisfies(c -> assertThat(c).hasSize(1));
    });
    assertThat(s.transactions()).isEqualTo(1);
  }

  @Test
  void of_largeIndependentPart_sharedOutInTurnWithinEachConnectionsLockShare() {
    BaseSchedule s = BaseSchedule.of(waves(600, 600), 2, BaseSchedule.PARALLEL_MIN, new LockBudget(1600));

    assertThat(s.steps()).hasSize(2);
    BaseSchedule.Step first = s.steps().get(0);
    assertThat(first.parallel()).isFalse();
    assertThat(first.connections().getFirst()).singleElement().isEqualTo(List.of(SCHEMA, BODIES, FUNCTION));
    BaseSchedule.Step shared = s.steps().get(1);
    assertThat(shared.parallel()).isTrue();
    // two jobs and the run's own connection
    assertThat(shared.connections()).hasSize(3);
    for (List<List<SqlStatement>> connection : shared.connections()) {
      List<SqlStatement> all = connection.stream().flatMap(List::stream).filter(x -> x != BODIES).toList();
      // both kinds on each connection: sequences cost far less than tables
      assertThat(all).hasSize(400).anyMatch(x -> x.sql().startsWith("CREATE SEQUENCE")).anyMatch(x -> x.sql().startsWith("CREATE TABLE"));
      for (List<SqlStatement> tx : connection) {
        assertThat(tx.getFirst()).as("SET LOCAL holds for one transaction").isEqualTo(BODIES);
        assertThat(tx.stream().mapToLong(x -> x == BODIES ? 0 : x.sql().startsWith("CREATE TABLE") ? 3 : 2).sum())
            .as("within a third of the lock budget").isLessThanOrEqualTo(533);
      }
    }
  }

  @Test
  void of_oneJob_neverShared() {
    BaseSchedule s = BaseSchedule.of(waves(600, 600), 1, BaseSchedule.PARALLEL_MIN, new LockBudget(1600));

    assertThat(s.steps()).allSatisfy(step -> assertThat(step.parallel()).isFalse());
    assertThat(s.connections()).isEqualTo(1);
  }
}
