package io.pgferry.orchestrator.schemasync;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random (old, new) pairs of partitioned tables and inheritance trees from fixed seeds: partitions added, dropped,
 * detached into plain tables and attached back; columns added to the partitioned parent, to the inheritance parent
 * and to children; children leaving their parent and new ones joining; indexes and keys on the partitioned parent
 * (attached to the partitions'). {@link SchemaPairs#check} asserts the corpus's three properties with rows in every
 * table. A failure names its seed; {@code -Dpgferry.linkSeeds=N} runs more locally.
 */
class SchemaSyncLinksPropertyTest {
  static IntStream seeds() {
    return IntStream.rangeClosed(1, Integer.getInteger("pgferry.linkSeeds", 20));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void schemaSync_randomPartitionsAndInheritance_targetEqualsSourceSecondDiffEmptyDataKept(int seed) {
    Random rnd = new Random(seed);
    Tree old = Tree.random(rnd);
    Tree neu = old.mutate(rnd);
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sdl_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "sdl_dst")) {
      SchemaPairs.check("seed " + seed + "\nold:\n" + old.sql(true) + "\nnew:\n" + neu.sql(false), old.sql(true), neu.sql(false),
          source, "app", target, "app");
    }
  }

  /**
   * {@code pt} partitioned by range of {@code k}: partition i holds [100 i, 100 i + 100); {@code loose} are former
   * partitions that stand alone. {@code b} with inheritance children, some of which stand alone too.
   */
  record Tree(List<String> ptCols, TreeSet<Integer> parts, TreeSet<Integer> loose, List<String> ptIndexes, boolean ptKey,
      List<String> bCols, TreeMap<Integer, List<String>> children, TreeMap<Integer, List<String>> alone, int[] counter) {
    static Tree random(Random rnd) {
      Tree t = new Tree(new ArrayList<>(), new TreeSet<>(), new TreeSet<>(), new ArrayList<>(), rnd.nextBoolean(), new ArrayList<>(),
          new TreeMap<>(), new TreeMap<>(), new int[] {0});
      for (int i = 0; i < 1 + rnd.nextInt(3); i++) {
        t.parts.add(i);
      }
      if (rnd.nextBoolean()) {
        t.ptCols.add(t.next("x"));
      }
      for (int i = 0; i < 1 + rnd.nextInt(3); i++) {
        t.children.put(i, new ArrayList<>(rnd.nextBoolean() ? List.of(t.next("c")) : List.of()));
      }
      return t;
    }

    String next(String prefix) {
      return prefix + (++counter[0]);
    }

    Tree mutate(Random rnd) {
      Tree t = new Tree(new ArrayList<>(ptCols), new TreeSet<>(parts), new TreeSet<>(loose), new ArrayList<>(ptIndexes), ptKey,
          new ArrayList<>(bCols), copy(children), copy(alone), new int[] {counter[0] + 100});
      for (int op = 0; op < 1 + rnd.nextInt(4); op++) {
        switch (rnd.nextInt(9)) {
          case 0 -> t.parts.add(t.parts.isEmpty() && t.loose.isEmpty() ? 0 : Math.max(t.parts.isEmpty() ? 0 : t.parts.last(),
              t.loose.isEmpty() ? 0 : t.loose.last()) + 1);
          case 1 -> {
            if (t.parts.size() > 1) {
              t.parts.remove(t.parts.first());
            }
          }
          case 2 -> {
            if (t.parts.size() > 1) {
              int p = t.parts.last();
              t.parts.remove(p);
              t.loose.add(p);
            }
          }
          case 3 -> {
            if (!t.loose.isEmpty()) {
              int p = t.loose.first();
              t.loose.remove(p);
              t.parts.add(p);
            }
          }
          case 4 -> t.ptCols.add(t.next("x"));
          case 5 -> t.bCols.add(t.next("n"));
          case 6 -> {
            if (!t.children.isEmpty()) {
              int c = t.children.firstKey();
              List<String> own = t.children.remove(c);
              List<String> all = new ArrayList<>(List.of("id", "note"));
              all.addAll(t.bCols);
              all.addAll(own);
              t.alone.put(c, all);
            }
          }
          case 7 -> t.children.put(t.children.isEmpty() ? 10 : t.children.lastKey() + 1, new ArrayList<>(List.of(t.next("c"))));
          default -> {
            if (rnd.nextBoolean()) {
              t.ptIndexes.add("v");
            } else {
              t.children.values().stream().findFirst().ifPresent(own -> own.add(t.next("c")));
            }
          }
        }
      }
      return t;
    }

    private static TreeMap<Integer, List<String>> copy(TreeMap<Integer, List<String>> m) {
      TreeMap<Integer, List<String>> out = new TreeMap<>();
      m.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
      return out;
    }

    String sql(boolean withRows) {
      StringBuilder sb = new StringBuilder();
      List<String> cols = new ArrayList<>(List.of("k integer NOT NULL", "v text"));
      ptCols.forEach(c -> cols.add(c + " integer"));
      sb.append("CREATE TABLE pt (").append(String.join(", ", cols)).append(ptKey ? ", CONSTRAINT pt_key UNIQUE (k)" : "")
          .append(") PARTITION BY RANGE (k);\n");
      for (int p : parts) {
        sb.append("CREATE TABLE pt_").append(p).append(" PARTITION OF pt FOR VALUES FROM (").append(100 * p).append(") TO (")
            .append(100 * p + 100).append(");\n");
      }
      ptIndexes.stream().distinct().forEach(i -> sb.append("CREATE INDEX pt_").append(i).append("_idx ON pt (").append(i).append(");\n"));
      for (int p : loose) {
        // a detached partition keeps the parent's columns; NOT NULL on the key stays too
        sb.append("CREATE TABLE pt_").append(p).append(" (").append(String.join(", ", cols)).append(");\n");
      }
      List<String> bDefs = new ArrayList<>(List.of("id integer", "note text DEFAULT 'n'"));
      bCols.forEach(c -> bDefs.add(c + " integer"));
      sb.append("CREATE TABLE b (").append(String.join(", ", bDefs)).append(");\n");
      children.forEach((c, own) -> sb.append("CREATE TABLE b_").append(c).append(" (")
          .append(String.join(", ", own.stream().map(o -> o + " integer").toList())).append(") INHERITS (b);\n"));
      alone.forEach((c, all) -> sb.append("CREATE TABLE b_").append(c).append(" (").append(String.join(", ", all.stream()
          .map(o -> o + (o.equals("id") ? " integer" : o.equals("note") ? " text DEFAULT 'n'" : " integer")).toList())).append(");\n"));
      if (withRows) {
        for (int p : parts) {
          sb.append("INSERT INTO pt (k, v) SELECT g, 'v' || g FROM generate_series(").append(100 * p).append(", ").append(100 * p + 2)
              .append(") g;\n");
        }
        for (int p : loose) {
          sb.append("INSERT INTO pt_").append(p).append(" (k, v) VALUES (").append(100 * p + 5).append(", 'loose');\n");
        }
        children.keySet().forEach(c -> sb.append("INSERT INTO b_").append(c).append(" (id) VALUES (").append(c).append(");\n"));
        alone.keySet().forEach(c -> sb.append("INSERT INTO b_").append(c).append(" (id) VALUES (").append(c).append(");\n"));
      }
      return sb.toString();
    }
  }
}
