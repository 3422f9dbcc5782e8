package io.pgferry.flink;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.loader.PieceSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** A split of the load job: one of the clone's planned pieces (a table, or a page range or subset part of one). */
final class PieceSplit implements SourceSplit {
  final PieceSpec piece;

  PieceSplit(PieceSpec piece) {
    this.piece = piece;
  }

  @Override
  public String splitId() {
    return piece.table().schema() + "." + piece.table().name() + "#" + piece.index();
  }

  @Override
  public String toString() {
    return piece.label();
  }

  /** Field by field, not Java serialization: a split crosses class loaders (job manager, task managers, checkpoints). */
  static final class Serializer implements SimpleVersionedSerializer<PieceSplit> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(PieceSplit split) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        write(out, split);
      }
      return bytes.toByteArray();
    }

    @Override
    public PieceSplit deserialize(int version, byte[] data) throws IOException {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
        return read(in, version);
      }
    }

    static void write(DataOutputStream out, PieceSplit split) throws IOException {
      PieceSpec p = split.piece;
      out.writeUTF(p.table().schema());
      out.writeUTF(p.table().name());
      out.writeInt(p.index());
      out.writeInt(p.count());
      out.writeBoolean(p.range() != null);
      if (p.range() != null) {
        out.writeUTF(p.range());
      }
      out.writeBoolean(p.freeze());
      out.writeBoolean(p.binary());
    }

    static PieceSplit read(DataInputStream in, int version) throws IOException {
      if (version != 1) {
        throw new IOException("unknown version " + version + " of a pgferry piece split");
      }
      QualifiedName table = QualifiedName.of(in.readUTF(), in.readUTF());
      int index = in.readInt();
      int count = in.readInt();
      String range = in.readBoolean() ? in.readUTF() : null;
      return new PieceSplit(new PieceSpec(table, index, count, range, in.readBoolean(), in.readBoolean()));
    }
  }

  /** The enumerator's checkpoint: the pieces not handed out yet. */
  static final class ListSerializer implements SimpleVersionedSerializer<List<PieceSplit>> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(List<PieceSplit> splits) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(splits.size());
        for (PieceSplit s : splits) {
          Serializer.write(out, s);
        }
      }
      return bytes.toByteArray();
    }

    @Override
    public List<PieceSplit> deserialize(int version, byte[] data) throws IOException {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
        int n = in.readInt();
        List<PieceSplit> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          out.add(Serializer.read(in, version));
        }
        return out;
      }
    }
  }
}
