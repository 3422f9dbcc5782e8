package io.pgferry.orchestrator.anonymize;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.connect.ConnectionInput;
import io.pgferry.orchestrator.connect.ConnectionSpec;
import io.pgferry.orchestrator.pipeline.Pipeline;
import io.pgferry.orchestrator.pipeline.PipelineParser;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code scan} against a database with planted personal data (testkit's pii.sql): it finds exactly the
 * planted columns, by name in six languages and by value under innocuous names, and none of the keys,
 * counts, amounts, statuses and timestamps.
 */
class PiiScanTest {
  private static final Clock TODAY = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
  private static final List<String> PLANTED = List.of(
      "public.customers.e_mail", "public.customers.vorname", "public.customers.nachname", "public.customers.telefonnummer",
      "public.customers.geburtsdatum",
      "public.\"Clients\".courriel", "public.\"Clients\".prenom", "public.\"Clients\".\"nomDeFamille\"", "public.\"Clients\".adresse",
      "public.\"Clients\".ville", "public.\"Clients\".\"codePostal\"", "public.\"Clients\".\"dateNaissance\"",
      "public.clientes.correo_electronico", "public.clientes.nombre", "public.clientes.apellido", "public.clientes.calle",
      "public.clientes.ciudad", "public.clientes.telefono",
      "public.klanten.voornaam", "public.klanten.achternaam", "public.klanten.woonplaats", "public.klanten.geboortedatum",
      "public.utenti.cognome", "public.utenti.indirizzo", "public.utenti.codice_fiscale",
      "public.users.name", "public.users.\"phoneNumber\"", "public.users.\"zipCode\"", "public.users.ssn", "public.users.last_login_ip",
      "public.payments.iban", "public.payments.\"cardNumber\"",
      "public.tickets.contact", "public.tickets.notes", "public.tickets.payload", "public.tickets.src", "public.tickets.account",
      "public.tickets.ref_no",
      "public.audit_log.ip_address");

  private static TestDatabase db;

  @BeforeAll
  static void plant() {
    db = TestDatabase.create(PostgresServers.source(), "pii_scan").executeResource("/io/pgferry/testkit/pii.sql");
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  private static ScanReport scan(int sample, double minConfidence, Pipeline pipeline, List<String> include) {
    return PiiScanner.scan(Endpoints.of(db, "SOURCE"), ScanOptions.builder().include(include).sample(sample).minConfidence(minConfidence).pipeline(pipeline).clock(TODAY).build());
  }

  private static Map<String, ScanReport.Finding> byColumn(ScanReport r) {
    return r.findings().stream().collect(Collectors.toMap(ScanReport.Finding::qualified, Function.identity()));
  }

  @Test
  void scan_plantedDatabase_findsExactlyThePlantedColumns() {
    ScanReport r = scan(ScanOptions.DEFAULT_SAMPLE, ScanOptions.DEFAULT_MIN_CONFIDENCE, null, List.of());
    assertThat(r.findings().stream().map(ScanReport.Finding::qualified).toList()).containsExactlyInAnyOrderElementsOf(PLANTED);
    assertThat(r.tables()).isEqualTo(10);
    assertThat(r.warnings()).isEmpty();
    Map<String, ScanReport.Finding> f = byColumn(r);
    assertThat(f.get("public.customers.e_mail").kind()).isEqualTo("email");
    assertThat(f.get("public.\"Clients\".\"nomDeFamille\"").kind()).isEqualTo("last_name");
    assertThat(f.get("public.clientes.nombre").kind()).isEqualTo("first_name");
    assertThat(f.get("public.klanten.geboortedatum").kind()).isEqualTo("birth_date");
    assertThat(f.get("public.utenti.codice_fiscale").kind()).isEqualTo("national_id");
    assertThat(f.get("public.users.\"zipCode\"").kind()).isEqualTo("postcode");
    assertThat(f.get("public.users.last_login_ip").kind()).isEqualTo("ip_address");
    assertThat(f.get("public.payments.\"cardNumber\"").kind()).isEqualTo("card");
  }

  @Test
  void scan_nameAndValuesAgree_confidenceHigherThanNameAlone() {
    Map<String, ScanReport.Finding> sampled = byColumn(scan(ScanOptions.DEFAULT_SAMPLE, 0.5, null, List.of("customers")));
    Map<String, ScanReport.Finding> namesOnly = byColumn(scan(0, 0.5, null, List.of("customers")));
    ScanReport.Finding email = sampled.get("public.customers.e_mail");
    assertThat(email.confidence()).isGreaterThan(namesOnly.get("public.customers.e_mail").confidence()).isGreaterThanOrEqualTo(0.95);
    assertThat(email.reasons()).hasSize(2).anySatisfy(reason -> assertThat(reason).contains("40 of 40 sampled values are e-mail"));
  }

  @Test
  void scan_innocuousNames_flaggedByValuesOnly() {
    Map<String, ScanReport.Finding> f = byColumn(scan(ScanOptions.DEFAULT_SAMPLE, 0.5, null, List.of("tickets")));
    assertThat(f.keySet()).containsExactlyInAnyOrder("public.tickets.contact", "public.tickets.notes", "public.tickets.payload",
        "public.tickets.src", "public.tickets.account", "public.tickets.ref_no");
    assertThat(f.get("public.tickets.contact").kind()).isEqualTo("email");
    assertThat(f.get("public.tickets.notes").reasons()).containsExactly("30 of 30 sampled values contain e-mail addresses");
    assertThat(f.get("public.tickets.payload").kind()).isEqualTo("email");
    assertThat(f.get("public.tickets.src").kind()).isEqualTo("ip_address");
    assertThat(f.get("public.tickets.account").kind()).isEqualTo("iban");
    assertThat(f.get("public.tickets.ref_no").kind()).isEqualTo("card");
    f.values().forEach(x -> assertThat(x.reasons()).noneMatch(reason -> reason.startsWith("name")));
  }

  @Test
  void scan_sampleZero_findsOnlyColumnsNamedForPersonalData() {
    List<String> found = scan(0, 0.5, null, List.of()).findings().stream().map(ScanReport.Finding::qualified).toList();
    assertThat(found).doesNotContain("public.tickets.contact", "public.tickets.notes", "public.tickets.account", "public.tickets.src")
        .contains("public.customers.e_mail", "public.payments.iban", "public.audit_log.ip_address");
  }

  @Test
  void scan_invalidChecksums_notFlaggedAsCardsOrIbans() {
    Map<String, ScanReport.Finding> all = byColumn(scan(ScanOptions.DEFAULT_SAMPLE, 0.0, null, List.of("tickets")));
    assertThat(all).doesNotContainKey("public.tickets.token");
    // the name says IBAN, but not one sampled value passes mod 97, which pushes it below the default threshold
    ScanReport.Finding ibanLike = all.get("public.tickets.iban_like");
    assertThat(ibanLike.confidence()).isLessThan(ScanOptions.DEFAULT_MIN_CONFIDENCE);
    assertThat(ibanLike.reasons()).contains("none of 30 sampled values looks like one");
  }

  @Test
  void scan_largeAnalyzedTable_pageSampleStillFindsTheColumn() {
    try (TestDatabase big = TestDatabase.create(PostgresServers.source(), "pii_big")) {
      big.execute("""
          CREATE TABLE events (id bigint PRIMARY KEY, who text, kind text);
          INSERT INTO events SELECT g, 'u' || g || '@example.org', 'click' FROM generate_series(1, 60000) g;
          ANALYZE events""");
      ScanReport r = PiiScanner.scan(Endpoints.of(big, "SOURCE"), ScanOptions.builder().sample(50).minConfidence(0.5).clock(TODAY).build());
      assertThat(r.findings()).singleElement().satisfies(f -> {
        assertThat(f.qualified()).isEqualTo("public.events.who");
        assertThat(f.reasons()).singleElement().asString().matches("(\\d+) of \\1 sampled values are e-mail addresses");
      });
    }
  }

  @Test
  void scan_tableWithoutSelectPrivilege_warnsAndJudgesItByNames() {
    db.execute("""
        DROP ROLE IF EXISTS pii_scan_limited;
        CREATE ROLE pii_scan_limited LOGIN;
        GRANT SELECT ON customers TO pii_scan_limited""");
    try {
      ConnectionSpec limited = ConnectionSpec.resolve(ConnectionInput.ofUrl(db.url().replace("postgres@", "pii_scan_limited@")),
          "SOURCE", Map.of(), java.nio.file.Path.of("/nonexistent-home"));
      ScanReport r = PiiScanner.scan(limited, ScanOptions.builder().include(List.of("customers", "tickets")).sample(50).minConfidence(0.5).clock(TODAY).build());
      assertThat(r.warnings()).singleElement().asString().startsWith("could not sample public.tickets (judged by column names only)")
          .contains("42501");
      Map<String, ScanReport.Finding> f = byColumn(r);
      assertThat(f.get("public.customers.e_mail").reasons()).hasSize(2);
      // unsampled, only names speak: iban_like now counts, contact (an innocuous name) does not
      assertThat(f.keySet().stream().filter(k -> k.startsWith("public.tickets"))).containsExactly("public.tickets.iban_like");
    } finally {
      db.execute("REVOKE ALL ON customers FROM pii_scan_limited; DROP ROLE pii_scan_limited");
    }
  }

  @Test
  void scan_withPipeline_marksCoveredUncoveredAndNotCopied() {
    Pipeline p = PipelineParser.parse("""
        source: postgresql:///x
        target: postgresql:///y
        salt: s3cret
        exclude: [tickets, audit_log]
        transforms:
          customers.e_mail: hash
          '*.iban': set_null
          public."Clients"."nomDeFamille": { type: constant, value: X }
        """, "p.yaml", Map.of());
    Map<String, ScanReport.Finding> f = byColumn(scan(ScanOptions.DEFAULT_SAMPLE, 0.5, p, List.of()));
    assertThat(f.get("public.customers.e_mail").coverage()).isEqualTo(ScanReport.Coverage.COVERED);
    assertThat(f.get("public.customers.e_mail").rule()).isEqualTo("hash (p.yaml:6:3)");
    assertThat(f.get("public.payments.iban").coverage()).isEqualTo(ScanReport.Coverage.COVERED);
    assertThat(f.get("public.\"Clients\".\"nomDeFamille\"").coverage()).isEqualTo(ScanReport.Coverage.COVERED);
    assertThat(f.get("public.tickets.contact").coverage()).isEqualTo(ScanReport.Coverage.NOT_COPIED);
    assertThat(f.get("public.audit_log.ip_address").coverage()).isEqualTo(ScanReport.Coverage.NOT_COPIED);
    assertThat(f.get("public.customers.vorname").coverage()).isEqualTo(ScanReport.Coverage.UNCOVERED);
    ScanReport r = scan(ScanOptions.DEFAULT_SAMPLE, 0.5, p, List.of());
    assertThat(r.uncovered()).hasSize(PLANTED.size() - 3 - 7);
  }
}
