package io.pgferry.orchestrator.connect;

import java.sql.Connection;

/** One side of a run: something that opens connections and can be named without its password. */
public interface Endpoint {
  /** Opens a connection, mapping failures to {@link PgferryException} (CONNECTION or AUTHENTICATION). */
  Connection open(String applicationName);

  /** For messages: {@code postgresql://user@host:port/db}, never a password. */
  String display();
}
