package io.pgferry.orchestrator.schemasync;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.TargetGuard;

import io.pgferry.applier.Applier;
import io.pgferry.applier.ApplyException;
import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.CatalogReader;
import io.pgferry.extractor.SchemaMap;
import io.pgferry.schemadiff.DiffOptions;
import io.pgferry.schemadiff.SchemaDiff;
import io.pgferry.schemadiff.SchemaPlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code pgferry diff} and {@code pgferry schema-sync}: reads both catalogs (the source in a read-only
 * transaction), plans with {@link SchemaDiff}, and — unless a dry run — applies the plan to the target in
 * one transaction under a lock timeout. Refuses the same database unless the schemas differ, and hazards
 * that need consent unless {@link SchemaSyncOptions#allowHazards()} names them.
 */
public final class SchemaSyncRunner {
  private final RunListener listener;

  public SchemaSyncRunner(RunListener listener) {
    this.listener = listener;
  }

  /** Plans only (never writes): {@code pgferry diff}. */
  public SchemaSyncReport diff(SchemaSyncOptions o) {
    return execute(o.withDryRun(true));
  }

  /** Plans and, unless {@link SchemaSyncOptions#dryRun()}, applies. */
  public SchemaSyncReport run(SchemaSyncOptions o) {
    return execute(o);
  }

  private SchemaSyncReport execute(SchemaSyncOptions o) {
    long t0 = System.nanoTime();
    try (Connection src = o.source().open("pgferry schema-sync"); Connection dst = o.target().open("pgferry schema-sync")) {
      TargetGuard.DatabaseIdentity a = TargetGuard.identify(src);
      TargetGuard.DatabaseIdentity b = TargetGuard.identify(dst);
      if (a.equals(b) && (o.sourceSchema() == null || o.sourceSchema().equals(o.effectiveTargetSchema()))) {
        throw new PgferryException(PgferryException.Code.SAME_DATABASE, "source and target are the same database ("
            + o.target().display() + ") and schema; give " + io.pgferry.extractor.Option.SOURCE_SCHEMA.mention() + " and a different " + io.pgferry.extractor.Option.TARGET_SCHEMA.mention() + " to compare two schemas of one database");
      }
      listener.phaseStarted("extract", o.source().display());
      Catalog source = read(src, true);
      Catalog target = read(dst, false);
      if (o.sourceSchema() != null && !source.schemas().contains(o.sourceSchema())) {
        throw new PgferryException(PgferryException.Code.SCHEMA, "schema " + o.sourceSchema() + " does not exist in the source ("
            + o.source().display() + "); it has: " + String.join(", ", source.schemas()));
      }
      SchemaMap map = o.sourceSchema() == null || o.sourceSchema().equals(o.effectiveTargetSchema()) ? SchemaMap.identity() : SchemaMap.of(Map.of(o.sourceSchema(), o.effectiveTargetSchema()));
      DiffOptions options = new DiffOptions(map, o.sourceSchema() == null ? List.of() : List.of(o.sourceSchema()), o.preserve(), o.clock(),
          o.allowHazards(), o.online());
      SchemaPlan plan = SchemaDiff.compare(source, target, options);
      String script = plan.render(header(o));
      if (o.dryRun() || plan.isEmpty()) {
        return new SchemaSyncReport(o.source().display(), o.target().display(), plan, script, false, Duration.ofNanos(System.nanoTime() - t0));
      }
      Set<String> refused = plan.refusedHazards(o.allowHazards());
      if (!refused.isEmpty()) {
        throw new PgferryException(PgferryException.Code.HAZARDS, "the plan has hazards that may fail or lose data: " + String.join(", ", refused)
            + "; review them with " + io.pgferry.extractor.Option.DRY_RUN.mention("true") + " and rerun with " + io.pgferry.extractor.Option.ALLOW_HAZARDS.mention(String.join(",", refused)));
      }
      // As the clone does: a missing role is named before the transaction starts, not found half-way through it.
      List<String> missing = io.pgferry.extractor.Roles.missing(dst, plan.roles());
      if (!missing.isEmpty()) {
        throw new PgferryException(PgferryException.Code.SCHEMA, "the source's default privileges name "
            + (missing.size() == 1 ? "a role" : "roles") + " the target does not have: "
            + String.join(", ", missing.stream().map(io.pgferry.extractor.Sql::ident).toList())
            + "; create " + (missing.size() == 1 ? "it" : "them") + " on the target first (roles are cluster-wide and are not synced)");
      }
      Applier applier = Applier.builder().lockTimeout(o.lockTimeout()).build();
      List<io.pgferry.extractor.SqlStatement> first = plan.committedFirst();
      if (!first.isEmpty()) {
        listener.phaseStarted("schema-sync", first.size() + " enum values the plan uses, committed first");
        try {
          applier.apply(dst, first);
        } catch (ApplyException e) {
          throw new PgferryException(PgferryException.Code.SCHEMA_SYNC, "schema-sync of " + o.target().display() + ": " + e.getMessage(), e);
        }
      }
      listener.phaseStarted("schema-sync", plan.statements().size() + " statements in one transaction");
      try {
        applier.apply(dst, plan.statements());
      } catch (ApplyException e) {
        throw new PgferryException(PgferryException.Code.SCHEMA_SYNC, "schema-sync of " + o.target().display() + ": " + e.getMessage()
            + (first.isEmpty() ? "" : "; the " + first.size() + " enum values added before it stay (committed first, unused)"), e);
      }
      OnlineRun.apply(listener, applier, dst, plan.onlineSteps(), o.target().display());
      return new SchemaSyncReport(o.source().display(), o.target().display(), plan, script, true, Duration.ofNanos(System.nanoTime() - t0));
    } catch (SQLException e) {
      throw new PgferryException(PgferryException.Code.CONNECTION, "lost the connection: " + Applier.describe(e), e);
    }
  }

  private static List<String> header(SchemaSyncOptions o) {
    String version = SchemaSyncRunner.class.getPackage().getImplementationVersion();
    String schemas = o.sourceSchema() == null ? "" : " (schema " + o.sourceSchema() + " -> " + o.effectiveTargetSchema() + ")";
    return List.of("pgferry schema diff" + schemas, "source: " + o.source().display(), "target: " + o.target().display(),
        "generated: " + DateTimeFormatter.ISO_INSTANT.format(o.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
        "pgferry " + (version == null ? "dev" : version) + ", " + io.pgferry.extractor.Option.PRESERVE.mention(o.preserve().name()));
  }

  private static Catalog read(Connection c, boolean readOnly) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      if (readOnly) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      }
      // Grants are compared; owners are not (docs/schema-sync.md).
      boolean privileges = true;
      boolean owners = false;
      return CatalogReader.read(c, privileges, owners);
    } finally {
      c.rollback();
      c.setAutoCommit(true);
    }
  }
}
