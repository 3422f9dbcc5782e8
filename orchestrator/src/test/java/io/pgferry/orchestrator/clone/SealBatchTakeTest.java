package io.pgferry.orchestrator.clone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The parallel seal's lanes take small tables' builds off one queue: what each lane takes is its own, and nothing
 * is lost, however their takes interleave. A queue here lets "another lane" take an item between any two of this
 * lane's calls, at the worst moment: right after a look at the head (a peek-then-poll built one table's primary
 * key twice and dropped the next table's).
 */
class SealBatchTakeTest {
  /** A queue on which another lane polls the head whenever this one looks at it. */
  private static final class Contended extends ConcurrentLinkedQueue<String> {
    final List<String> otherLane = new ArrayList<>();

    @Override
    public String peek() {
      String head = super.peek();
      if (head != null) {
        otherLane.add(super.poll());
      }
      return head;
    }
  }

  @Test
  void takeBatch_anotherLaneTakingBetweenCalls_eachItemTakenOnceAndNoneLost() {
    Contended queue = new Contended();
    List<String> all = List.of("a", "b", "c", "d", "e", "f");
    queue.addAll(all);

    List<String> mine = ParallelSeal.takeBatch(queue, 3, 100, x -> 1);
    List<String> rest = new ArrayList<>(queue);

    List<String> taken = new ArrayList<>(mine);
    taken.addAll(queue.otherLane);
    taken.addAll(rest);
    assertThat(taken).containsExactlyInAnyOrderElementsOf(all);
    assertThat(mine).hasSize(3);
  }

  @Test
  void takeBatch_overBudget_stopsAndKeepsTheRestQueued() {
    ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(List.of("a", "b", "c"));

    List<String> mine = ParallelSeal.takeBatch(queue, 10, 5, x -> 3);

    assertThat(mine).containsExactly("a");
    assertThat(queue).containsExactlyInAnyOrder("b", "c");
  }
}
