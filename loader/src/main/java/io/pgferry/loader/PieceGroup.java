package io.pgferry.loader;

/**
 * Which pieces a lane copies several to one target transaction: tables copied whole whose heap is small. Most tables
 * of a large schema hold a few rows, and a commit per table (a round trip and the server's commit work) costs about
 * what copying such a table does: 10,000 three-row tables loaded in 6.7-7.3 s sharing transactions, 9.3-11.8 s one
 * to a transaction (alternating runs, PostgreSQL 15, 2 cores). A table is reported finished only after its
 * transaction commits, so the seal never starts an index build that waits for a lane's open transaction.
 */
final class PieceGroup {
  /** Tables in one transaction at most: they stay locked until it commits, which keeps their seal waiting. */
  static final int MAX_PIECES = 32;
  /** A heap at most this large (estimated) may share its transaction. */
  static final long SMALL_TABLE_BYTES = 256 * 1024;
  /**
   * Bytes copied in one transaction before it commits, even short of {@link #MAX_PIECES}: the estimate counts the
   * heap only, so a table whose values live in TOAST may be much larger.
   */
  static final long MAX_BYTES = 8L * 1024 * 1024;

  private PieceGroup() {}

  /**
   * True for a piece that may share its transaction: a whole table, small, not truncated first (FREEZE takes the
   * table's strongest lock) and not a subset's (its row addresses are read per piece).
   */
  static boolean fits(Piece piece) {
    return piece.count() == 1 && !piece.freeze() && piece.load().rows() == null
        && piece.load().table().estimatedBytes() <= SMALL_TABLE_BYTES;
  }
}
