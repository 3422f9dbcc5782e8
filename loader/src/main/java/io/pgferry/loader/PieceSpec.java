package io.pgferry.loader;

import io.pgferry.extractor.QualifiedName;
import java.io.Serializable;

/**
 * A piece of a load as it travels to a worker in another process (a distributed engine's split): which table,
 * which part, and how to copy it. The worker finds the table's {@link TableLoad} in its own plan of the same load.
 *
 * @param range a ctid predicate, or null for the whole table (or a subset's piece, whose addresses the worker makes)
 * @param freeze copy with {@code FREEZE} after a {@code TRUNCATE} in the same transaction
 * @param binary copy in binary format
 */
public record PieceSpec(QualifiedName table, int index, int count, String range, boolean freeze, boolean binary)
    implements Serializable {
  /** {@code public.events (chunk 3/8)}: for progress and errors. */
  public String label() {
    return count == 1 ? table.toString() : table + " (chunk " + (index + 1) + "/" + count + ")";
  }

  static PieceSpec of(Piece p) {
    return new PieceSpec(p.load().table().name(), p.index(), p.count(), p.range(), p.freeze(), p.binary());
  }
}
