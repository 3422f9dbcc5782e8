package io.pgferry.orchestrator.connect;

import io.pgferry.extractor.ConnectionSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One side of a run: something that opens connections and can be named without its password. The options of
 * every run take one ({@link ConnectionSpec} is what a URL, flags, {@code PG*} variables and {@code .pgpass}
 * resolve to); the loader and the applier, which cannot see this module, take its {@link #source}.
 */
public interface Endpoint {
  /** Opens a connection, mapping failures to {@link PgferryException} (CONNECTION or AUTHENTICATION). */
  Connection open(String applicationName);

  /** A logical replication (walsender) connection, for {@code follow}; endpoints that cannot give one refuse. */
  default Connection openReplication(String applicationName) {
    throw new io.pgferry.extractor.PgferryException(io.pgferry.extractor.PgferryException.Code.CONFIG,
        "this connection cannot open a replication connection");
  }

  /** For messages: {@code postgresql://user@host:port/db}, never a password. */
  String display();

  /**
   * Fresh connections for one role, for the loader and the applier; each named {@code applicationName} on the server.
   * A connection that cannot be opened is an {@link SQLException} with the server's SQLSTATE (and the worded message),
   * so that the lower modules see a refused or reset connection as the transient error it is and try again.
   */
  default ConnectionSource source(String applicationName) {
    return () -> {
      try {
        return open(applicationName);
      } catch (io.pgferry.extractor.PgferryException e) {
        String state = e.getCause() instanceof SQLException s ? s.getSQLState() : null;
        if (state == null) {
          throw e;
        }
        throw new SQLException(e.getMessage(), state, e);
      }
    };
  }
}
