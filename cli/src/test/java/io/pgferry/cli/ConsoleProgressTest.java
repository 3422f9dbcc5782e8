package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Table;
import io.pgferry.loader.TableLoad;
import io.pgferry.loader.TableResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Load progress on a pipe: periodic plain lines with totals and one line per table in flight. */
class ConsoleProgressTest {
  private static final long SECOND = 1_000_000_000L;

  private static TableLoad load(String name, long rows, long bytes) {
    return TableLoad.of(new Table(QualifiedName.of("public", name), List.of(), List.of(), List.of(), false, false, null, null, List.of(),
        rows, bytes));
  }

  @Test
  void progress_piped_printsTotalsAndEachTableInFlightWithRateAndEta() {
    AtomicLong clock = new AtomicLong();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ConsoleOutput console = new ConsoleOutput(new PrintStream(buf, true, StandardCharsets.UTF_8), false, false, clock::get, 5 * SECOND);
    TableLoad big = load("big", 1000, 100L << 20);
    TableLoad small = load("small", 10, 1L << 20);
    console.planned(List.of(big, small));
    console.started(big);
    console.started(small);
    clock.set(2 * SECOND);
    console.progress(small, 10, 1L << 20);
    console.finished(new TableResult(small.table().name(), small.target(), 10, 1L << 20, Duration.ofSeconds(2), false));
    clock.set(4 * SECOND);
    console.progress(big, 250, 20L << 20);
    assertThat(buf.toString(StandardCharsets.UTF_8)).isEmpty(); // not yet an interval since the start
    clock.set(5 * SECOND);
    console.progress(big, 300, 25L << 20);

    List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).containsExactly(
        "  load   1/2 tables  310 rows  26.0 MB  5.2 MB/s  ETA 11s",
        "    public.big  300/~1,000 rows  25.0 MB  5.0 MB/s  ETA 12s");
  }

  @Test
  void progress_live_redrawsOneLineWithoutTableLines() {
    AtomicLong clock = new AtomicLong();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ConsoleOutput console = new ConsoleOutput(new PrintStream(buf, true, StandardCharsets.UTF_8), true, false, clock::get, 5 * SECOND);
    TableLoad big = load("big", 1000, 100L << 20);
    console.planned(List.of(big));
    console.started(big);
    clock.set(SECOND);
    console.progress(big, 500, 10L << 20);
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(out).startsWith("\r  load   0/1 tables  500 rows  10.0 MB  10.0 MB/s  ETA 1s").endsWith("\033[K").doesNotContain("\n");
  }
}
