package io.pgferry.schemadiff;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.SchemaMap;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names of backups and renamed objects: stamped, within PostgreSQL's 63 bytes, and recognised by later diffs. */
class PreservedNamesTest {
  private final PlanBuilder plan = new PlanBuilder(new DiffOptions(SchemaMap.identity(), List.of(), DiffOptions.Preserve.BACKUP,
      Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC)));

  @Test
  void backupName_shortTable_prefixNameAndUtcStamp() {
    assertThat(plan.backupName("orders")).isEqualTo("bak_orders_20260304050607");
    assertThat(plan.droppedName("orders")).isEqualTo("orders_dropped_20260304050607");
  }

  @Test
  void backupName_longMultibyteName_cutToFit63BytesKeepingTheStamp() {
    String longName = "ä".repeat(40) + "_column";
    String bak = plan.backupName(longName);
    assertThat(bak.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
    assertThat(bak).startsWith("bak_ää").endsWith("_20260304050607");
    assertThat(DiffScope.leftover(bak)).isTrue();
    assertThat(DiffScope.leftover(plan.droppedName(longName))).isTrue();
  }

  @Test
  void leftover_ordinaryNames_notMistakenForBackups() {
    assertThat(DiffScope.leftover("bak_orders")).isFalse();
    assertThat(DiffScope.leftover("backup_2026")).isFalse();
    assertThat(DiffScope.leftover("orders_dropped")).isFalse();
  }

  @Test
  void objectDiffHelpers_grantCommentAndOptions_undoneExactly() {
    assertThat(ObjectSql.inverse(List.of("GRANT SELECT, INSERT ON TABLE \"a\".t TO \"bob\" WITH GRANT OPTION", "REVOKE ALL ON FUNCTION f() FROM PUBLIC")))
        .containsExactly("REVOKE SELECT, INSERT ON TABLE \"a\".t FROM \"bob\"", "GRANT ALL ON FUNCTION f() TO PUBLIC");
    assertThat(ObjectSql.nullComment("COMMENT ON TABLE \"a\".t IS 'it is '' IS here'")).isEqualTo("COMMENT ON TABLE \"a\".t IS NULL");
    assertThat(ObjectSql.resetOptions("ALTER TABLE \"a\".\"t\" SET (fillfactor=70, autovacuum_enabled=false)"))
        .isEqualTo("ALTER TABLE \"a\".\"t\" RESET (fillfactor, autovacuum_enabled)");
    assertThat(ObjectSql.orReplace("CREATE FUNCTION a.f()\n RETURNS int")).isEqualTo("CREATE OR REPLACE FUNCTION a.f()\n RETURNS int");
  }
}
