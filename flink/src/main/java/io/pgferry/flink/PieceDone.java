package io.pgferry.flink;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.loader.PieceResult;
import io.pgferry.loader.PieceSpec;

/**
 * A committed piece as the job emits it: a plain object of public fields, so that Flink moves it with its own POJO
 * serializer (no Kryo, which would need the JDK's packages opened on every task manager).
 */
public final class PieceDone {
  public String schema;
  public String table;
  public int index;
  public int count;
  public long rows;
  public long bytes;
  public long nanos;
  public boolean already;

  public PieceDone() {}

  static PieceDone of(PieceResult r) {
    PieceDone d = new PieceDone();
    d.schema = r.piece().table().schema();
    d.table = r.piece().table().name();
    d.index = r.piece().index();
    d.count = r.piece().count();
    d.rows = r.rows();
    d.bytes = r.bytes();
    d.nanos = r.nanos();
    d.already = r.already();
    return d;
  }

  PieceResult result() {
    return new PieceResult(new PieceSpec(QualifiedName.of(schema, table), index, count, null, false, false), rows, bytes, nanos, already);
  }
}
