package io.pgferry.loader;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a fresh connection each time it is called. The loader owns every connection it opens and closes
 * it itself; one source and one target connection per table in flight (two of each
 * in timestamp mode with delete).
 */
@FunctionalInterface
public interface ConnectionSource {
  Connection open() throws SQLException;
}
