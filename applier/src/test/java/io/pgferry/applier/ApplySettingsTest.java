package io.pgferry.applier;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.SqlStatement;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Session settings hold for every statement (and stay on the connection); a statement's own settings hold for
 * it alone, in a single transaction as on the lanes of a {@link ParallelApplier}. The statements below fail
 * when the setting they see is not the one meant for them.
 */
class ApplySettingsTest {
  private static final String CHECK = """
      CREATE FUNCTION mwm_is(expected text) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('maintenance_work_mem') <> expected THEN
          RAISE EXCEPTION 'maintenance_work_mem is %, expected %', current_setting('maintenance_work_mem'), expected;
        END IF;
      END $$""";

  private static final List<SqlStatement> STATEMENTS = List.of(
      new SqlStatement("SELECT mwm_is('7MB')", "session value"),
      new SqlStatement("SELECT mwm_is('3MB') /* own */", "own value"),
      new SqlStatement("SELECT mwm_is('7MB')", "session value again"));

  private static Applier applier() {
    return Applier.builder()
        .sessionSettings(Map.of("maintenance_work_mem", "7MB"))
        .statementSettings(s -> s.sql().contains("/* own */") ? Map.of("maintenance_work_mem", "3MB") : Map.of())
        .build();
  }

  @Test
  void apply_statementOwnSetting_onlyThatStatementSeesItAndSessionKeepsItsValue() throws Exception {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "settings_one").execute(CHECK);
        Connection c = db.connect()) {
      assertThat(applier().apply(c, STATEMENTS).statements()).isEqualTo(3);
      try (var rs = c.createStatement().executeQuery("SELECT current_setting('maintenance_work_mem')")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("7MB");
      }
    }
  }

  @Test
  void applyParallel_statementOwnSetting_onlyThatStatementSeesIt() {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "settings_par").execute(CHECK)) {
      try (ParallelApplier p = ParallelApplier.builder().applier(applier()).connections(db::connect).lanes(1).build()) {
        p.apply(STATEMENTS, false);
        p.apply(STATEMENTS, true);
        assertThat(p.failure()).isNull();
      }
    }
  }
}
