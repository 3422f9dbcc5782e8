package io.pgferry.flink;

import io.pgferry.orchestrator.clone.LoadJob;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The clone's load as a bounded FLIP-27 source: its splits are the loader's pieces, its readers copy them (the
 * copying is the source's side effect; what it emits is one small record per committed piece, for progress).
 */
final class PieceSource implements Source<PieceDone, PieceSplit, List<PieceSplit>> {
  private static final long serialVersionUID = 1L;
  private final LoadJob job;

  PieceSource(LoadJob job) {
    this.job = job;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator<PieceSplit, List<PieceSplit>> createEnumerator(SplitEnumeratorContext<PieceSplit> context) {
    return new PieceEnumerator(context, job.pieces().stream().map(PieceSplit::new).toList());
  }

  @Override
  public SplitEnumerator<PieceSplit, List<PieceSplit>> restoreEnumerator(SplitEnumeratorContext<PieceSplit> context,
      List<PieceSplit> checkpoint) {
    return new PieceEnumerator(context, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<PieceSplit> getSplitSerializer() {
    return new PieceSplit.Serializer();
  }

  @Override
  public SimpleVersionedSerializer<List<PieceSplit>> getEnumeratorCheckpointSerializer() {
    return new PieceSplit.ListSerializer();
  }

  @Override
  public SourceReader<PieceDone, PieceSplit> createReader(SourceReaderContext context) {
    return new PieceReader(context, job);
  }
}
