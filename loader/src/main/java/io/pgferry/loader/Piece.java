package io.pgferry.loader;

/**
 * One unit of copying: a whole table, or one page range of a table split into chunks.
 *
 * @param range a ctid predicate ({@code ctid >= '(p,0)'::tid AND …}) or null for the whole table (and for a
 *     subset's piece, whose address list is made when it is copied)
 * @param freeze copy with {@code FREEZE} after a {@code TRUNCATE} in the same transaction
 * @param binary copy in binary format (every column's type has a binary form that is safe across databases)
 */
record Piece(TableLoad load, TableState table, String range, int index, int count, boolean freeze, boolean binary) {
  String label() {
    return count == 1 ? load.table().name().toString() : load.table().name() + " (chunk " + (index + 1) + "/" + count + ")";
  }
}
