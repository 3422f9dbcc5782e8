package io.pgferry.cli;

import io.pgferry.orchestrator.connect.ConnectionInput;

import picocli.CommandLine.Option;

/**
 * Source and target connection flags. A URL (libpq {@code postgresql://…}, {@code jdbc:postgresql://…}
 * or a {@code host=… dbname=…} string) plus separate flags that override its parts. Passwords given
 * on the command line are visible to other users in {@code ps}: prefer {@code ~/.pgpass}, PGPASSWORD /
 * SOURCE_DB_PASSWORD, {@code --env FILE}, or {@code --source-password} without a value to be prompted.
 */
final class ConnectionOptions {
  @Option(names = {"-s", "--source"}, paramLabel = "URL", description = "Source database (only ever read).")
  String source;

  @Option(names = "--source-host", paramLabel = "HOST", description = "Overrides the URL's host.") String sourceHost;
  @Option(names = "--source-port", paramLabel = "PORT", description = "Overrides the URL's port.") Integer sourcePort;
  @Option(names = "--source-database", paramLabel = "NAME", description = "Overrides the URL's database.") String sourceDatabase;
  @Option(names = "--source-username", paramLabel = "USER", description = "Overrides the URL's user.") String sourceUser;

  @Option(names = "--source-password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
      description = "Without a value: prompt for it (not echoed).")
  char[] sourcePassword;

  @Option(names = {"-t", "--target"}, paramLabel = "URL", description = "Target database (written to).")
  String target;

  @Option(names = "--target-host", paramLabel = "HOST", description = "Overrides the URL's host.") String targetHost;
  @Option(names = "--target-port", paramLabel = "PORT", description = "Overrides the URL's port.") Integer targetPort;
  @Option(names = "--target-database", paramLabel = "NAME", description = "Overrides the URL's database.") String targetDatabase;
  @Option(names = "--target-username", paramLabel = "USER", description = "Overrides the URL's user.") String targetUser;

  @Option(names = "--target-password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
      description = "Without a value: prompt for it (not echoed).")
  char[] targetPassword;

  ConnectionInput sourceInput() {
    return new ConnectionInput(source, sourceHost, sourcePort, sourceDatabase, sourceUser,
        sourcePassword == null ? null : new String(sourcePassword), null);
  }

  ConnectionInput targetInput() {
    return new ConnectionInput(target, targetHost, targetPort, targetDatabase, targetUser,
        targetPassword == null ? null : new String(targetPassword), null);
  }

  boolean anySource() {
    return source != null || sourceHost != null || sourcePort != null || sourceDatabase != null || sourceUser != null
        || sourcePassword != null;
  }

  boolean anyTarget() {
    return target != null || targetHost != null || targetPort != null || targetDatabase != null || targetUser != null
        || targetPassword != null;
  }
}
