package io.pgferry.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.SecuritySnapshot;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decorations read from a source, replayed on a target that has the same objects made by plain DDL: an
 * independent catalog snapshot of both must then agree.
 */
class SecurityObjectsReaderTest {
  /** Roles are cluster-wide: names unique to this class, created on both servers, dropped at the end. */
  private static final List<String> ROLES = List.of("secrd owner", "secrd Reader", "secrd\"writer");
  private static final String BASE = TestDatabase.resource("/io/pgferry/extractor/security-base.sql");
  private static final String DECOR = TestDatabase.resource("/io/pgferry/extractor/security-decor.sql");
  private static TestDatabase source;

  @BeforeAll
  static void setUp() {
    for (TestDatabase.Server server : List.of(PostgresServers.source(), PostgresServers.target())) {
      onServer(server, ROLES.stream().map(r -> "CREATE ROLE " + Sql.ident(r)).toList());
    }
    source = TestDatabase.create(PostgresServers.source(), "sec_src").execute(BASE).execute(DECOR);
  }

  @AfterAll
  static void tearDown() {
    source.close();
    for (TestDatabase.Server server : List.of(PostgresServers.source(), PostgresServers.target())) {
      onServer(server, ROLES.stream().map(r -> "DROP ROLE IF EXISTS " + Sql.ident(r)).toList());
    }
  }

  @Test
  void replay_privilegesAndOwners_targetSnapshotEqualsSource() throws SQLException {
    try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "sec_dst").execute(BASE)) {
      replay(target, read(source, true, true));
      var expected = SecuritySnapshot.of(source);
      var actual = SecuritySnapshot.of(target);
      for (String part : expected.keySet()) {
        assertThat(expected.get(part)).as("source " + part).isNotEmpty();
        assertThat(actual.get(part)).as(part).containsExactlyElementsOf(expected.get(part));
      }
      assertThat(expected.get("acls")).as("the fixture's grants reach the snapshot")
          .contains(List.of("table", "\"Sec Schema\".\"Acc ounts\"", "secrd Reader", "secrd\"writer", "SELECT", "false"));
    }
  }

  @Test
  void replay_withoutPrivilegesOrOwners_copiesRowSecurityPoliciesAndCommentsOnly() throws SQLException {
    List<SchemaObject> objects = read(source, false, false);
    assertThat(objects).extracting(o -> o.key().type()).doesNotContain("acl", "owner", "default acl");
    try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "sec_dst").execute(BASE)) {
      replay(target, objects);
      for (String part : List.of("row security", "policies", "comments")) {
        assertThat(SecuritySnapshot.part(target, part)).as(part).containsExactlyElementsOf(SecuritySnapshot.part(source, part));
      }
      assertThat(SecuritySnapshot.part(target, "default acls")).isEmpty();
      assertThat(target.scalar("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'Acc ounts'")).isEqualTo("postgres");
    }
  }

  @Test
  void replay_publicSchemaCreateRevokedOrRecreated_targetPublicAclEqualsSource() throws SQLException {
    // A fresh target's public grants PUBLIC USAGE (and CREATE up to PostgreSQL 14); a source that took
    // them away must not leave them on the target. Recreating public gives it a NULL (default) ACL.
    for (String setup : List.of("REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        "DROP SCHEMA public; CREATE SCHEMA public")) {
      try (TestDatabase src = TestDatabase.create(PostgresServers.source(), "sec_pub_src").execute(setup);
          TestDatabase target = TestDatabase.create(PostgresServers.target(), "sec_pub_dst")) {
        List<SchemaObject> objects = read(src, true, true);
        assertThat(statements(objects, "acl")).as(setup).startsWith("REVOKE ALL ON SCHEMA public FROM PUBLIC");
        replay(target, objects);
        assertThat(SecuritySnapshot.part(target, "acls")).as(setup).containsExactlyElementsOf(SecuritySnapshot.part(src, "acls"));
        assertThat(SecuritySnapshot.part(target, "owners")).as(setup).containsExactlyElementsOf(SecuritySnapshot.part(src, "owners"));
      }
    }
  }

  @Test
  void read_rowSecurity_enablesAndForcesSeparately() throws SQLException {
    List<String> stmts = statements(read(source, false, false), "row security");
    assertThat(stmts).containsExactlyInAnyOrder(
        "ALTER TABLE \"Sec Schema\".\"Acc ounts\" ENABLE ROW LEVEL SECURITY",
        "ALTER TABLE \"Sec Schema\".\"Acc ounts\" FORCE ROW LEVEL SECURITY",
        "ALTER TABLE \"Sec Schema\".\"plain\" FORCE ROW LEVEL SECURITY",
        "ALTER TABLE \"Sec Schema\".\"parted\" ENABLE ROW LEVEL SECURITY");
  }

  @Test
  void read_policies_buildPermissiveRestrictiveForRolesAndPublic() throws SQLException {
    List<SchemaObject> objects = read(source, false, false);
    assertThat(statements(objects, "policy")).contains(
        "CREATE POLICY \"own rows\" ON \"Sec Schema\".\"Acc ounts\" AS PERMISSIVE FOR SELECT TO \"secrd Reader\", "
            + "\"secrd\"\"writer\" USING ((\"Owner\" = CURRENT_USER))",
        "CREATE POLICY \"it's ins\" ON \"Sec Schema\".\"Acc ounts\" AS PERMISSIVE FOR INSERT TO PUBLIC WITH CHECK ((\"Owner\" <> 'it''s'::text))",
        "CREATE POLICY \"del\" ON \"Sec Schema\".\"Acc ounts\" AS RESTRICTIVE FOR DELETE TO \"secrd owner\" USING ((id > 0))");
    assertThat(statements(objects, "policy")).anySatisfy(s -> assertThat(s)
        .startsWith("CREATE POLICY \"no neg\" ON \"Sec Schema\".\"Acc ounts\" AS RESTRICTIVE FOR UPDATE TO PUBLIC USING (true) WITH CHECK (")
        .contains("\"Sec Schema\".\"f un\"(id)"));
    SchemaObject own = objects.stream().filter(o -> o.key().names().contains("own rows")).findFirst().orElseThrow();
    assertThat(own.key()).isEqualTo(new ObjectKey("policy", List.of("Sec Schema", "Acc ounts", "own rows"), List.of()));
    assertThat(own.dependsOn()).containsExactly(new ObjectKey("table", List.of("Sec Schema", "Acc ounts"), List.of()));
  }

  @Test
  void read_comments_useEachKindsGrammar() throws SQLException {
    assertThat(statements(read(source, false, false), "comment")).contains(
        "COMMENT ON SCHEMA \"Sec Schema\" IS 'schema ''quoted'''",
        "COMMENT ON TABLE \"Sec Schema\".\"Acc ounts\" IS E'table with \\\\ backslash'",
        "COMMENT ON COLUMN \"Sec Schema\".\"Acc ounts\".\"Owner\" IS 'column'",
        "COMMENT ON COLUMN \"Sec Schema\".\"V iew\".id IS 'view column'",
        "COMMENT ON COLUMN \"Sec Schema\".comp.\"Y\" IS 'composite attribute'",
        "COMMENT ON MATERIALIZED VIEW \"Sec Schema\".mv IS 'matview'",
        "COMMENT ON INDEX \"Sec Schema\".\"I dx\" IS 'index'",
        "COMMENT ON CONSTRAINT \"positive \"\"bal\"\"\" on \"Sec Schema\".\"Acc ounts\" IS 'check'",
        "COMMENT ON CONSTRAINT \"is pos\" ON DOMAIN \"Sec Schema\".\"Pos Int\" IS 'domain check'",
        "COMMENT ON TYPE \"Sec Schema\".\"Pos Int\" IS 'domain'",
        "COMMENT ON FUNCTION \"Sec Schema\".\"f un\"(integer,pg_catalog.text) IS 'two args'",
        "COMMENT ON FUNCTION \"Sec Schema\".\"f un\"(integer) IS 'one arg'",
        "COMMENT ON PROCEDURE \"Sec Schema\".pr(integer) IS 'procedure'",
        "COMMENT ON AGGREGATE \"Sec Schema\".\"my sum\"(integer) IS 'aggregate'",
        "COMMENT ON TRIGGER \"T rg\" on \"Sec Schema\".\"Acc ounts\" IS 'trigger'",
        "COMMENT ON POLICY \"own rows\" on \"Sec Schema\".\"Acc ounts\" IS 'policy'",
        "COMMENT ON EVENT TRIGGER \"sec evt\" IS 'event trigger'",
        "COMMENT ON EXTENSION citext IS 'extension, recommented'",
        "COMMENT ON COLLATION \"Sec Schema\".\"C oll\" IS 'collation'");
  }

  @Test
  void read_comments_keyByCommentedObjectAndDependOnIt() throws SQLException {
    SchemaObject column = read(source, false, false).stream()
        .filter(o -> o.key().type().equals("comment") && o.key().names().contains("Owner")).findFirst().orElseThrow();
    assertThat(column.key()).isEqualTo(new ObjectKey("comment", List.of("table column", "Sec Schema", "Acc ounts", "Owner"), List.of()));
    assertThat(column.phase()).isEqualTo(SchemaObject.Phase.SEAL);
    assertThat(column.dependsOn()).containsExactly(new ObjectKey("table", List.of("Sec Schema", "Acc ounts"), List.of()));
  }

  @Test
  void read_grants_revokeOwnerLossesThenGrantKeepingOptionsAndGrantors() throws SQLException {
    List<SchemaObject> objects = read(source, true, true);
    SchemaObject accounts = objects.stream().filter(o -> o.key().equals(
        new ObjectKey("acl", List.of("table", "Sec Schema", "Acc ounts"), List.of()))).findFirst().orElseThrow();
    assertThat(accounts.statements()).containsExactly(
        "REVOKE REFERENCES, TRUNCATE ON TABLE \"Sec Schema\".\"Acc ounts\" FROM \"secrd owner\"",
        "GRANT INSERT, SELECT ON TABLE \"Sec Schema\".\"Acc ounts\" TO \"secrd Reader\" WITH GRANT OPTION",
        "SET ROLE \"secrd Reader\"",
        "GRANT SELECT ON TABLE \"Sec Schema\".\"Acc ounts\" TO \"secrd\"\"writer\"",
        "RESET ROLE");
    assertThat(accounts.dependsOn()).contains(new ObjectKey("owner", List.of("table", "Sec Schema", "Acc ounts"), List.of()),
        new ObjectKey("acl", List.of("schema", "Sec Schema"), List.of()));
    assertThat(statements(objects, "acl")).contains(
        "GRANT SELECT (\"secret\") ON TABLE \"Sec Schema\".\"Acc ounts\" TO \"secrd\"\"writer\"",
        "REVOKE EXECUTE ON FUNCTION \"Sec Schema\".\"f un\"(integer,text) FROM PUBLIC",
        "REVOKE EXECUTE ON PROCEDURE \"Sec Schema\".pr(integer) FROM PUBLIC",
        "GRANT USAGE ON DOMAIN \"Sec Schema\".\"Pos Int\" TO \"secrd Reader\" WITH GRANT OPTION");
    assertThat(statements(objects, "default acl")).contains(
        "ALTER DEFAULT PRIVILEGES FOR ROLE \"secrd owner\" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC",
        "ALTER DEFAULT PRIVILEGES FOR ROLE \"secrd owner\" IN SCHEMA \"Sec Schema\" GRANT SELECT ON TABLES TO \"secrd Reader\"",
        "ALTER DEFAULT PRIVILEGES FOR ROLE \"postgres\" GRANT USAGE ON SEQUENCES TO \"secrd\"\"writer\" WITH GRANT OPTION");
  }

  @Test
  void read_owners_coverEveryKindButOwnedSequences() throws SQLException {
    List<String> stmts = statements(read(source, false, true), "owner");
    assertThat(stmts).contains(
        "ALTER SCHEMA \"Sec Schema\" OWNER TO \"secrd owner\"",
        "ALTER TABLE \"Sec Schema\".\"parted 1\" OWNER TO \"secrd owner\"",
        "ALTER MATERIALIZED VIEW \"Sec Schema\".mv OWNER TO \"secrd Reader\"",
        "ALTER DOMAIN \"Sec Schema\".\"Pos Int\" OWNER TO \"secrd owner\"",
        "ALTER AGGREGATE \"Sec Schema\".ordered(double precision ORDER BY double precision) OWNER TO \"secrd owner\"",
        "ALTER PROCEDURE \"Sec Schema\".pr(IN x integer) OWNER TO \"secrd Reader\"",
        "ALTER EVENT TRIGGER \"sec evt\" OWNER TO \"postgres\"");
    assertThat(stmts).noneMatch(s -> s.contains("Acc ounts_id_seq") || s.contains("citext") || s.contains("_fr"));
  }

  @Test
  void read_extensionMembersAndSystemObjects_areSkipped() throws SQLException {
    List<SchemaObject> objects = read(source, true, true);
    assertThat(objects).flatExtracting(SchemaObject::statements)
        .noneMatch(s -> s.contains("citext(") || s.contains("SCHEMA pg_") || s.contains("information_schema"));
    Set<ObjectKey> keys = new HashSet<>();
    assertThat(objects).allMatch(o -> keys.add(o.key()), "keys are unique");
  }

  @Test
  void roles_referencedAndMissing_areListedByName() throws SQLException {
    try (Connection c = source.connect()) {
      assertThat(Roles.referencedBy(c, false, false)).containsExactly("secrd Reader", "secrd owner", "secrd\"writer");
      // Schema public is owned by pg_database_owner from PostgreSQL 15; before, by initdb's bootstrap superuser.
      boolean pg15 = Integer.parseInt(source.scalar("SELECT current_setting('server_version_num')")) >= 150000;
      assertThat(Roles.referencedBy(c, true, true)).containsAll(ROLES).contains("postgres")
          .satisfies(roles -> assertThat(roles.contains("pg_database_owner")).as("pg_database_owner referenced").isEqualTo(pg15));
      try (Statement s = c.createStatement(); var rs = s.executeQuery("SHOW search_path")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).as("search_path restored").isEqualTo("\"$user\", public");
      }
    }
    try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "sec_dst"); Connection c = target.connect()) {
      List<String> missing = Roles.missing(c, List.of("secrd owner", "secrd nobody", "postgres"));
      assertThat(missing).containsExactly("secrd nobody");
      assertThat(Roles.missingMessage(missing)).contains("\"secrd nobody\"").contains("clone without `privileges`/`owners`");
    }
  }

  private static List<SchemaObject> read(TestDatabase db, boolean privileges, boolean owners) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("SELECT set_config('search_path', '', false)");
      return SecurityObjectsReader.read(c, privileges, owners);
    }
  }

  private static List<String> statements(List<SchemaObject> objects, String keyType) {
    return objects.stream().filter(o -> o.key().type().equals(keyType)).flatMap(o -> o.statements().stream()).toList();
  }

  /** Runs objects once everything they depend on among {@code objects} has run (the orchestrator's job). */
  private static void replay(TestDatabase db, List<SchemaObject> objects) throws SQLException {
    Set<ObjectKey> pending = objects.stream().map(SchemaObject::key).collect(Collectors.toSet());
    List<SchemaObject> todo = new ArrayList<>(objects);
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      while (!todo.isEmpty()) {
        SchemaObject next = todo.stream().filter(o -> o.dependsOn().stream().noneMatch(pending::contains)).findFirst()
            .orElseThrow(() -> new AssertionError("dependency cycle among " + todo));
        for (String stmt : next.statements()) {
          try {
            s.execute(stmt);
          } catch (SQLException e) {
            throw new AssertionError("replaying " + next.key() + ": " + stmt + ": " + e.getMessage(), e);
          }
        }
        todo.remove(next);
        pending.remove(next.key());
      }
    }
  }

  private static void onServer(TestDatabase.Server server, List<String> statements) {
    try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
      for (String stmt : statements) {
        s.execute(stmt);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
