package io.pgferry.orchestrator.anonymize;

import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.clone.CloneReport;
import io.pgferry.orchestrator.clone.CloneRunner;
import io.pgferry.orchestrator.pipeline.Pipeline;
import io.pgferry.orchestrator.pipeline.PipelineParser;
import io.pgferry.orchestrator.pipeline.Pipelines;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Path;
import java.util.Map;

/** Runs an anonymizing pipeline, written as YAML, from a source test database into a target one. */
final class Anonymize {
  static final String SALT = "anonymize-test-salt";

  /** The rules pipelines/anonymize.yaml shows, on the anonymize.sql fixture. */
  static final String REALISTIC = """
      transforms:
        shop.customers.id: permute
        "*.email": { type: fake, kind: email }
        shop.customers.first_name: { type: fake, kind: first_name }
        shop.customers.last_name: { type: fake, kind: last_name }
        shop.customers.display: { type: template, template: "{new.first_name} {new.last_name}" }
        shop.customers.phone: { type: fake, kind: phone, locale: de-DE }
        shop.customers.birth_date: { type: date_shift, days: 180, keep_month: true }
        shop.customers.salary: { type: noise, relative: 0.1 }
        shop.customers.card: { type: fake, kind: credit_card }
        shop.customers.iban: { type: fake, kind: iban }
        shop.customers.ip: { type: fake, kind: ipv4 }
        shop.customers.profile:
          type: json
          paths:
            $.contact.email: { type: fake, kind: email }
            $.contact.phone: { type: mask, keep_first: 3 }
            $.items[*].phone: { type: mask, keep_first: 3 }
        shop.customers.nicknames: { type: fake, kind: username }
        shop.orders.note: { type: regex_replace, pattern: "\\\\d+", replacement: "#" }
        shop.accounts.number: permute
        shop.accounts.owner: { type: fake, kind: full_name }
      """;

  private Anonymize() {}

  static TestDatabase source(String prefix) {
    return TestDatabase.create(PostgresServers.source(), prefix).executeResource("/io/pgferry/testkit/anonymize.sql");
  }

  static TestDatabase target(String prefix) {
    return TestDatabase.create(PostgresServers.target(), prefix);
  }

  /** The options a pipeline with {@code body} (everything after source, target and salt) gives. */
  static CloneOptions options(TestDatabase source, TestDatabase target, String body) {
    Map<String, String> env = Map.of("SRC", source.url(), "DST", target.url(), "SALT", SALT);
    Pipeline p = PipelineParser.parse("source: ${SRC}\ntarget: ${DST}\nsalt: ${SALT}\njobs: 2\n" + body, "anon.yaml", env);
    return Pipelines.toCloneOptions(p, env, Path.of("/nonexistent-home"));
  }

  static CloneReport run(TestDatabase source, TestDatabase target, String body) {
    return new CloneRunner(RunListener.SILENT).run(options(source, target, body));
  }
}
