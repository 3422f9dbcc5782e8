package io.pgferry.orchestrator.resume;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.SqlStatement;
import io.pgferry.loader.PieceJournal;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A run cut short in the base phase may have copied pieces and sealed tables beside it (the load starts as the base
 * phase commits tables); its resume removes those tables and runs the base phase again, so their marks must go too.
 */
class CloneJournalRestartBaseTest {
  @Test
  void restartBase_piecesAndStepsMarkedDuringTheBase_marksGoneAndNothingCountsAsDone() throws Exception {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "journal_base"); Connection c = db.connect()) {
      QualifiedName t = QualifiedName.of("public", "t");
      CloneJournal first = CloneJournal.start(c, "source", "fingerprint", "1", Set.of("public"));
      PieceJournal pieces = first.pieces(() -> c);
      pieces.planned(List.of(new PieceJournal.Planned(t, t, 0, 1, null)));
      SqlStatement index = new SqlStatement("CREATE INDEX ON t (id)", "index on t");
      c.setAutoCommit(false);
      pieces.committing(c, t, 0, 3, 42);
      first.steps().record(c, List.of(index));
      c.commit();
      c.setAutoCommit(true);

      CloneJournal.Interrupted prior = CloneJournal.find(c);
      assertThat(prior.phase()).isEqualTo(CloneJournal.Phase.BASE);
      CloneJournal resumed = CloneJournal.resume(c, prior);
      assertThat(resumed.piecesDone()).isEqualTo(1);
      assertThat(resumed.stepsDone()).isEqualTo(1);

      resumed.restartBase(c);

      assertThat(resumed.piecesDone()).isZero();
      assertThat(resumed.stepsDone()).isZero();
      assertThat(resumed.pieces(() -> c).layout(t)).isNull();
      assertThat(resumed.steps().done(index)).isFalse();
      assertThat(db.scalar("SELECT (SELECT count(*) FROM pgferry.clone_piece) + (SELECT count(*) FROM pgferry.clone_step)"))
          .isEqualTo("0");
      assertThat(CloneJournal.resume(c, prior).piecesDone()).isZero();
    }
  }
}
