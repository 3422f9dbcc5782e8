package io.pgferry.orchestrator.connect;

import io.pgferry.extractor.ConnectionSource;
import java.sql.Connection;

/**
 * One side of a run: something that opens connections and can be named without its password. The options of
 * every run take one ({@link ConnectionSpec} is what a URL, flags, {@code PG*} variables and {@code .pgpass}
 * resolve to); the loader and the applier, which cannot see this module, take its {@link #source}.
 */
public interface Endpoint {
  /** Opens a connection, mapping failures to {@link PgferryException} (CONNECTION or AUTHENTICATION). */
  Connection open(String applicationName);

  /** For messages: {@code postgresql://user@host:port/db}, never a password. */
  String display();

  /** Fresh connections for one role, for the loader and the applier; each named {@code applicationName} on the server. */
  default ConnectionSource source(String applicationName) {
    return () -> open(applicationName);
  }
}
