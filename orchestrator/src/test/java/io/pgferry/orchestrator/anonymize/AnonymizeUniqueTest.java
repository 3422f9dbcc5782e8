package io.pgferry.orchestrator.anonymize;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Columns under unique indexes get distinct fakes, so the seal phase builds the indexes without a violation. */
class AnonymizeUniqueTest {
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void setUp() {
    source = TestDatabase.create(PostgresServers.source(), "uq_src").execute("""
        CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, login varchar(60) NOT NULL, code integer NOT NULL);
        CREATE UNIQUE INDEX users_email_key ON users (lower(email));
        CREATE UNIQUE INDEX users_login_key ON users (login);
        CREATE UNIQUE INDEX users_code_key ON users (code);
        INSERT INTO users SELECT g, 'user' || g || '@corp.test', 'login' || g, 100000 + g FROM generate_series(1, 100000) g""");
    target = TestDatabase.create(PostgresServers.target(), "uq_dst");
  }

  @AfterEach
  void tearDown() {
    source.close();
    target.close();
  }

  @Test
  void clone_100000FakeEmailsUnderUniqueIndexes_sealSucceedsAndAllDistinct() {
    Anonymize.run(source, target, """
        transforms:
          users.email: { type: fake, kind: email }
          users.login: { type: fake, kind: username }
          users.code: permute
        """);

    assertThat(target.scalar("SELECT count(*) FROM users")).isEqualTo("100000");
    assertThat(target.scalar("SELECT count(DISTINCT lower(email)) FROM users")).isEqualTo("100000");
    assertThat(target.scalar("SELECT count(DISTINCT login) FROM users")).isEqualTo("100000");
    assertThat(target.scalar("SELECT count(DISTINCT code) FROM users WHERE code BETWEEN 100000 AND 999999")).isEqualTo("100000");
    assertThat(target.scalar("SELECT count(*) FROM users WHERE email LIKE 'user%@corp.test'")).isEqualTo("0");
    // the unique indexes exist: the seal phase created them over the anonymized values
    assertThat(target.scalar("SELECT count(*) FROM pg_indexes WHERE tablename = 'users' AND indexdef LIKE 'CREATE UNIQUE%'"))
        .isEqualTo("4");
  }
}
