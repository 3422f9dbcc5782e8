package io.pgferry.loader;

import java.io.Serializable;

/**
 * A piece copied and committed by a {@link Loader.Worker}.
 *
 * @param rows rows the target accepted
 * @param bytes COPY bytes sent to the target
 * @param nanos time the copy took
 * @param already the piece was found committed before (by an earlier attempt whose end was lost) and not copied again
 */
public record PieceResult(PieceSpec piece, long rows, long bytes, long nanos, boolean already) implements Serializable {}
