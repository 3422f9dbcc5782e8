package io.pgferry.cli;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.connect.ConnectionSpec;
import io.pgferry.orchestrator.schemasync.SchemaSyncOptions;
import io.pgferry.orchestrator.schemasync.SchemaSyncReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** What {@code diff} and {@code schema-sync} share: schemas compared and where the script goes. */
final class SchemaOptions {
  @Option(names = "--source-schema", paramLabel = "SCHEMA", description = "Compare only this source schema (default: every user schema).")
  String sourceSchema;

  @Option(names = "--target-schema", paramLabel = "SCHEMA", description = "The target schema it maps to (default: the same name).")
  String targetSchema;

  @Option(names = "--online", description = "Build indexes, keys, checks, foreign keys and NOT NULLs on existing tables without"
      + " blocking writes: CONCURRENTLY or NOT VALID then VALIDATE, each on its own after the plan's transaction.")
  boolean online;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the script to FILE instead of stdout.")
  Path outputFile;

  /** Options with these schemas; the command sets the rest. */
  SchemaSyncOptions.Builder options(ConnectionSpec source, ConnectionSpec target) {
    return SchemaSyncOptions.builder(source, target).sourceSchema(sourceSchema).targetSchema(targetSchema).online(online).clock(Clock.systemUTC());
  }

  /** The script to --output or stdout (stderr when stdout carries --json), then the JSON report. */
  void print(Context ctx, OutputOptions out, SchemaSyncReport report) {
    if (outputFile != null) {
      try {
        Files.writeString(outputFile, Flags.render(report.script()), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new PgferryException(PgferryException.Code.USAGE, "cannot write " + outputFile + ": " + e.getMessage(), e);
      }
    } else if (!out.json) {
      ctx.out().print(Flags.render(report.script()));
    } else if (!out.quiet) {
      ctx.err().print(Flags.render(report.script()));
    }
    if (out.json) {
      ctx.out().println(Flags.render(report.toJson()));
    }
  }

  static Set<String> hazards(List<String> ids) {
    return ids == null ? Set.of() : Set.copyOf(ids);
  }
}
