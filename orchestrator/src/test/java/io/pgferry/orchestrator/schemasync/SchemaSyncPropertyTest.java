package io.pgferry.orchestrator.schemasync;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.Sql;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random (old, new) schema pairs from fixed seeds: tables, columns, type widenings, NOT NULL, defaults, keys,
 * checks, foreign keys, indexes and views are added, dropped and altered at random, the old schema gets rows,
 * new columns anywhere in their table, and {@link SchemaPairs#check} asserts the same three properties as the corpus. A failure names its seed.
 */
class SchemaSyncPropertyTest {
  private static final List<String> TYPES = List.of("integer", "bigint", "text", "character varying(20)", "numeric(10,2)", "boolean", "date");
  private static final Map<String, String> WIDER = Map.of("integer", "bigint", "character varying(20)", "text",
      "numeric(10,2)", "numeric(14,2)", "text", "text");

  /** CI runs a fixed set; {@code -Dpgferry.schemaSyncSeeds=N} runs seeds 1..N (thousands locally). */
  static IntStream seeds() {
    return IntStream.rangeClosed(1, Integer.getInteger("pgferry.schemaSyncSeeds", 24));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void schemaSync_randomPair_targetEqualsSourceSecondDiffEmptyDataKept(int seed) {
    Random rnd = new Random(seed);
    Schema old = Schema.random(rnd);
    Schema neu = old.mutate(rnd);
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sdr_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "sdr_dst")) {
      SchemaSyncReport r = SchemaPairs.check("seed " + seed + "\nold:\n" + old.sql(true) + "\nnew:\n" + neu.sql(false), old.sql(true),
          neu.sql(false), source, "app", target, "app");
      assertThat(r.identical()).as("seed %d: the plan is empty exactly when the schemas are equal", seed)
          .isEqualTo(old.sql(false).equals(neu.sql(false)));
    }
  }

  record Col(String name, String type, boolean notNull, boolean hasDefault) {}

  record Tbl(String name, List<Col> cols, List<String> uniques, List<String> checks, List<String> indexes, Map<String, String> fks) {
    Tbl copy() {
      return new Tbl(name, new ArrayList<>(cols), new ArrayList<>(uniques), new ArrayList<>(checks), new ArrayList<>(indexes),
          new LinkedHashMap<>(fks));
    }

    Col col(String n) {
      return cols.stream().filter(c -> c.name().equals(n)).findFirst().orElse(null);
    }
  }

  record Vw(String name, String table, List<String> cols) {}

  record Schema(List<Tbl> tables, List<Vw> views, int[] counter) {
    static Schema random(Random rnd) {
      Schema s = new Schema(new ArrayList<>(), new ArrayList<>(), new int[] {0});
      int n = 2 + rnd.nextInt(3);
      for (int i = 0; i < n; i++) {
        s.addTable(rnd);
      }
      for (int i = 0; i < rnd.nextInt(3); i++) {
        s.addView(rnd);
      }
      return s;
    }

    String next(String prefix) {
      return prefix + (++counter[0]);
    }

    void addTable(Random rnd) {
      Tbl t = new Tbl(next("t"), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>());
      int cols = 1 + rnd.nextInt(4);
      for (int i = 0; i < cols; i++) {
        addColumn(rnd, t, true);
      }
      if (!tables.isEmpty() && rnd.nextBoolean()) {
        Tbl parent = tables.get(rnd.nextInt(tables.size()));
        String c = "ref_" + parent.name();
        t.cols().add(new Col(c, "integer", false, false));
        t.fks().put(c, parent.name());
      }
      tables.add(t);
    }

    void addColumn(Random rnd, Tbl t, boolean fresh) {
      String type = TYPES.get(rnd.nextInt(TYPES.size()));
      boolean notNull = rnd.nextInt(3) == 0;
      Col c = new Col(next("c"), type, notNull, notNull || rnd.nextBoolean());
      // a column the new schema adds lands anywhere: the sync (all hazards allowed) rebuilds the table in that order
      t.cols().add(fresh ? t.cols().size() : rnd.nextInt(t.cols().size() + 1), c);
      // unique only where existing rows get NULL (distinct) or the table is new: one default in two rows is a duplicate
      if (rnd.nextInt(4) == 0 && !type.equals("boolean") && (fresh || !c.hasDefault())) {
        t.uniques().add(c.name());
      } else if (rnd.nextInt(4) == 0 && (fresh || c.hasDefault())) {
        t.checks().add(c.name());
      } else if (rnd.nextInt(3) == 0) {
        t.indexes().add(c.name());
      }
    }

    void addView(Random rnd) {
      Tbl t = tables.get(rnd.nextInt(tables.size()));
      List<String> cols = new ArrayList<>(List.of("id"));
      t.cols().stream().filter(c -> rnd.nextBoolean()).forEach(c -> cols.add(c.name()));
      views.add(new Vw(next("v"), t.name(), cols));
    }

    Schema mutate(Random rnd) {
      Schema s = new Schema(new ArrayList<>(tables.stream().map(Tbl::copy).toList()), new ArrayList<>(views), new int[] {counter[0] + 100});
      int ops = 1 + rnd.nextInt(5);
      for (int i = 0; i < ops; i++) {
        Tbl t = s.tables.get(rnd.nextInt(s.tables.size()));
        switch (rnd.nextInt(11)) {
          case 0 -> s.addTable(rnd);
          case 1 -> {
            if (s.tables.size() > 1) {
              s.dropTable(t);
            }
          }
          case 2 -> s.addColumn(rnd, t, false);
          case 3 -> {
            if (!t.cols().isEmpty()) {
              s.dropColumn(t, t.cols().get(rnd.nextInt(t.cols().size())).name());
            }
          }
          case 4 -> t.cols().replaceAll(c -> WIDER.containsKey(c.type()) && !t.fks().containsKey(c.name()) && rnd.nextBoolean()
              ? new Col(c.name(), WIDER.get(c.type()), c.notNull(), c.hasDefault()) : c);
          case 5 -> t.cols().replaceAll(c -> rnd.nextInt(3) == 0 ? new Col(c.name(), c.type(), !c.notNull(), c.hasDefault() || !c.notNull()) : c);
          case 6 -> t.cols().replaceAll(c -> rnd.nextInt(3) == 0 && !c.notNull() ? new Col(c.name(), c.type(), false, !c.hasDefault()) : c);
          case 7 -> {
            if (!t.indexes().isEmpty()) {
              t.indexes().remove(0);
            } else if (!t.cols().isEmpty()) {
              t.indexes().add(t.cols().get(0).name());
            }
          }
          case 8 -> {
            if (!t.checks().isEmpty()) {
              t.checks().remove(0);
            } else if (!t.uniques().isEmpty()) {
              t.uniques().remove(0);
            } else {
              t.cols().stream().filter(Col::hasDefault).findFirst().ifPresent(c -> t.checks().add(c.name()));
            }
          }
          case 9 -> s.addView(rnd);
          default -> {
            if (!s.views.isEmpty()) {
              Vw v = s.views.remove(rnd.nextInt(s.views.size()));
              if (rnd.nextBoolean()) {
                s.views.add(new Vw(v.name(), v.table(), v.cols().subList(0, 1)));
              }
            }
          }
        }
      }
      return s;
    }

    void dropTable(Tbl t) {
      tables.remove(t);
      views.removeIf(v -> v.table().equals(t.name()));
      for (Tbl o : tables) {
        new ArrayList<>(o.fks().entrySet()).stream().filter(e -> e.getValue().equals(t.name())).forEach(e -> dropColumn(o, e.getKey()));
      }
    }

    void dropColumn(Tbl t, String col) {
      t.cols().removeIf(c -> c.name().equals(col));
      t.uniques().remove(col);
      t.checks().remove(col);
      t.indexes().remove(col);
      t.fks().remove(col);
      views.removeIf(v -> v.table().equals(t.name()) && v.cols().contains(col));
    }

    String sql(boolean withRows) {
      StringBuilder sb = new StringBuilder();
      for (Tbl t : tables) {
        List<String> defs = new ArrayList<>(List.of("id integer PRIMARY KEY"));
        for (Col c : t.cols()) {
          String fk = t.fks().containsKey(c.name()) ? " REFERENCES " + t.fks().get(c.name()) + " (id)" : "";
          defs.add(c.name() + " " + c.type() + (c.hasDefault() ? " DEFAULT " + value(c.type(), 0) : "") + (c.notNull() ? " NOT NULL" : "") + fk);
        }
        t.uniques().forEach(u -> defs.add("CONSTRAINT " + t.name() + "_" + u + "_key UNIQUE (" + u + ")"));
        t.checks().forEach(k -> defs.add("CONSTRAINT " + t.name() + "_" + k + "_check CHECK (" + k + " IS NOT NULL)"));
        sb.append("CREATE TABLE ").append(t.name()).append(" (").append(String.join(", ", defs)).append(");\n");
        t.indexes().forEach(i -> sb.append("CREATE INDEX ").append(t.name()).append("_").append(i).append("_idx ON ").append(t.name())
            .append(" (").append(i).append(");\n"));
        if (withRows) {
          for (int r = 1; r <= 3; r++) {
            List<String> vals = new ArrayList<>(List.of(String.valueOf(r)));
            for (Col c : t.cols()) {
              vals.add(t.fks().containsKey(c.name()) ? String.valueOf(r) : value(c.type(), r));
            }
            sb.append("INSERT INTO ").append(t.name()).append(" VALUES (").append(String.join(", ", vals)).append(");\n");
          }
        }
      }
      for (Vw v : views) {
        sb.append("CREATE VIEW ").append(v.name()).append(" AS SELECT ").append(String.join(", ", v.cols())).append(" FROM ").append(v.table())
            .append(";\n");
      }
      return sb.toString();
    }

    static String value(String type, int r) {
      return switch (type) {
        case "integer", "bigint" -> String.valueOf(r * 10);
        case "numeric(10,2)", "numeric(14,2)" -> r + ".25";
        case "boolean" -> r % 2 == 0 ? "true" : "false";
        case "date" -> Sql.literal("2024-01-0" + (r + 1));
        default -> Sql.literal("v" + r);
      };
    }
  }
}
