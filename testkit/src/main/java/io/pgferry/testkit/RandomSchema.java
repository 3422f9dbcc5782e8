package io.pgferry.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A random database from a seed: tables in two schemas with foreign keys of every shape (self, cycles, to
 * unique keys, composite, across schemas, to and from partitioned tables), inheritance, partitions with their
 * own indexes, views over views, functions used by defaults, checks, indexes, generated columns and other
 * functions' parameter defaults, functions on table and view row types, domains over domains and over a
 * composite type, arrays of composites, enum partition bounds, owned sequences, triggers, rules, operators,
 * operator classes, casts, text search objects, extended statistics, foreign tables, large objects, comments
 * and awkward names; then a few rows per table that satisfy every key and check. The same seed and features
 * always give the same script, so a failing seed is reproduced by running its {@link #sql()}.
 *
 * <p>Every table has the columns {@code id} (1..rows), {@code k = id % 3}, {@code u = id * 10},
 * {@code note}, and, with enums, {@code r = label[id % 3]}; every foreign key refers to one of the keys those
 * make ({@code (id)}, {@code (u)}, {@code (id, k)}, {@code (id, r)}), so a referencing value is a function of
 * the referenced row number and the data needs no search.
 */
public record RandomSchema(long seed, Set<Feature> features, List<String> schemas, String sql) {

  /** What the generator may use; each can be switched off to isolate a failure. */
  public enum Feature {
    SELF_FK, FK_CYCLE, DEFERRABLE_FK_CYCLE, FK_TO_UNIQUE, COMPOSITE_FK, CROSS_SCHEMA, PARTITIONED, PARTITION_INDEXES,
    ENUM_PARTITION_BOUNDS, INHERITANCE, VIEWS, RECURSIVE_VIEW, MATERIALIZED_VIEW, FUNCTION_DEFAULTS, FUNCTION_CHECKS,
    FUNCTION_INDEXES, GENERATED_COLUMNS, FUNCTION_PARAMETER_DEFAULTS, FUNCTION_TABLE_ROW, FUNCTION_VIEW_ROW, DOMAINS,
    COMPOSITE_DOMAIN, ARRAY_OF_COMPOSITE, OWNED_SEQUENCES, IDENTITY, TRIGGERS, RULES, OPERATORS, OPERATOR_CLASSES, CASTS,
    TEXT_SEARCH, EXTENDED_STATISTICS, FOREIGN_TABLES, LARGE_OBJECTS, COMMENTS, AWKWARD_NAMES,
    /** Foreign-key columns added to an inheritance parent after its children exist, so a child's columns are out of parent order. */
    LATE_PARENT_COLUMNS,
    /** Foreign keys that refer to a partitioned table (from PARTITIONED tables, FKs from them are always on). */
    FK_TO_PARTITIONED,
    /** ALTER VIEW ... ALTER COLUMN ... SET DEFAULT. */
    VIEW_COLUMN_DEFAULTS,
    /** Column attribute options (n_distinct) and index column statistics targets. */
    COLUMN_OPTIONS,
    /** Replica identity (FULL, NOTHING or USING INDEX) and a CLUSTER mark on a table's unique index. */
    RELATION_STATE,
    /**
     * Partitions created on their own with a primary key of its own name, then attached: the parent's key adopts it,
     * so a partition's attached key is not named after the partition.
     */
    ATTACHED_PARTITIONS
  }

  private static final String[] LABELS = {"eu", "us", "ap"};
  private static final String[] AWKWARD = {"Order", "select", "user", "a\"b", "with space", "Ünïcödé 名前", "table", "MiXeD",
      "x-y", "$dollar"};

  public static RandomSchema generate(long seed, Set<Feature> features) {
    Gen g = new Gen(new SplittableRandom(seed), features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features));
    g.build();
    return new RandomSchema(seed, features, g.s1.equals(g.s2) ? List.of(g.s1) : List.of(g.s1, g.s2), g.out());
  }

  /** Statements as the server would split them. */
  public List<String> statements() {
    return SqlScript.split(sql);
  }

  /** The first {@code n} statements, for an error message that cannot hold the whole script. */
  public String head(int n) {
    List<String> s = statements();
    return String.join(";\n", s.subList(0, Math.min(n, s.size()))) + (s.size() > n ? ";\n..." : ";");
  }

  /** Quotes an identifier always, so reserved words, capitals and quotes pass through. */
  static String q(String ident) {
    return "\"" + ident.replace("\"", "\"\"") + "\"";
  }

  static String lit(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** A key of a table and how a referencing row writes it from the referenced row number {@code p}. */
  record Key(List<String> cols, List<String> types) {}

  static final class Table {
    final String schema;
    final String name;
    final int rows;
    final String kind; // plain, range, list, inherits
    final List<Key> keys = new ArrayList<>();
    final List<String> colDefs = new ArrayList<>();
    final List<String> insertCols = new ArrayList<>();
    final List<String> insertExprs = new ArrayList<>();
    final List<String> after = new ArrayList<>();
    Table parent;
    boolean hasR;
    /** NOT NULL columns an inheritance child gets without their default (identity): the child writes them itself. */
    final List<String> identity = new ArrayList<>();

    Table(String schema, String name, int rows, String kind) {
      this.schema = schema;
      this.name = name;
      this.rows = rows;
      this.kind = kind;
    }

    String qn() {
      return q(schema) + "." + q(name);
    }
  }

  private static final class Gen {
    final SplittableRandom rnd;
    final Set<Feature> f;
    final Set<String> used = new HashSet<>();
    final StringBuilder head = new StringBuilder();
    final StringBuilder ddl = new StringBuilder();
    final StringBuilder fks = new StringBuilder();
    final StringBuilder data = new StringBuilder();
    final StringBuilder post = new StringBuilder();
    final List<Table> tables = new ArrayList<>();
    final Map<String, String> fn = new LinkedHashMap<>();
    int counter;
    String s1;
    String s2;
    String region;
    String comp;
    String d1;
    String d2;
    String dcomp;
    boolean deferredData;

    Gen(SplittableRandom rnd, Set<Feature> f) {
      this.rnd = rnd;
      this.f = f;
    }

    boolean on(Feature x) {
      return f.contains(x);
    }

    boolean chance(Feature x, int percent) {
      return on(x) && rnd.nextInt(100) < percent;
    }

    /** A fresh name: plain most of the time, awkward (and still unique) when that feature is on. */
    String name(String base) {
      String n;
      if (chance(Feature.AWKWARD_NAMES, 35)) {
        int pick = rnd.nextInt(AWKWARD.length + 2);
        if (pick >= AWKWARD.length) {
          n = longName(base);
        } else {
          n = AWKWARD[pick];
          if (used.contains(n)) {
            n = n + " " + base + (++counter);
          }
        }
      } else {
        n = base + (++counter);
      }
      while (!used.add(n)) {
        n = n + "_" + (++counter);
      }
      return n;
    }

    /** A name of 60 to 63 bytes with two-byte letters, so anything derived from it gets truncated. */
    String longName(String base) {
      StringBuilder sb = new StringBuilder(base + (++counter) + "_lång_");
      while (sb.toString().getBytes(StandardCharsets.UTF_8).length < 60) {
        sb.append(rnd.nextBoolean() ? "ä" : "x");
      }
      while (sb.toString().getBytes(StandardCharsets.UTF_8).length > 63) {
        sb.setLength(sb.length() - 1);
      }
      return sb.toString();
    }

    String out() {
      StringBuilder sb = new StringBuilder();
      sb.append(head).append(ddl).append(fks);
      if (deferredData) {
        sb.append("BEGIN;\nSET CONSTRAINTS ALL DEFERRED;\n").append(data).append("COMMIT;\n");
      } else {
        sb.append(data);
      }
      sb.append(post).append("ANALYZE;\n");
      return sb.toString();
    }

    void build() {
      s1 = name("s");
      head.append("CREATE SCHEMA ").append(q(s1)).append(";\n");
      s2 = s1;
      if (on(Feature.CROSS_SCHEMA)) {
        s2 = name("s");
        head.append("CREATE SCHEMA ").append(q(s2)).append(";\n");
      }
      if (on(Feature.ENUM_PARTITION_BOUNDS) || rnd.nextBoolean()) {
        region = name("region");
        head.append("CREATE TYPE ").append(qn(s1, region)).append(" AS ENUM ('eu', 'us', 'ap');\n");
      }
      if (on(Feature.COMPOSITE_DOMAIN) || on(Feature.ARRAY_OF_COMPOSITE) || on(Feature.CASTS)) {
        comp = name("comp");
        head.append("CREATE TYPE ").append(qn(s2, comp)).append(" AS (a integer, b text);\n");
      }
      if (on(Feature.DOMAINS)) {
        d1 = name("d");
        d2 = name("d");
        head.append("CREATE DOMAIN ").append(qn(s1, d1)).append(" AS integer CHECK (VALUE >= 0);\n");
        head.append("CREATE DOMAIN ").append(qn(s2, d2)).append(" AS ").append(qn(s1, d1)).append(" DEFAULT 1 CHECK (VALUE < 1000000);\n");
      }
      if (on(Feature.COMPOSITE_DOMAIN)) {
        dcomp = name("dc");
        head.append("CREATE DOMAIN ").append(qn(s1, dcomp)).append(" AS ").append(qn(s2, comp))
            .append(" CHECK ((VALUE).a >= 0);\n");
      }
      functionsBeforeTables();
      int n = 3 + rnd.nextInt(5);
      for (int i = 0; i < n; i++) {
        table();
      }
      foreignKeys();
      for (Table t : tables) {
        insert(t);
      }
      views();
      objects();
    }

    static String qn(String schema, String name) {
      return q(schema) + "." + q(name);
    }

    String schema() {
      return rnd.nextBoolean() ? s1 : s2;
    }

    String function(String base, String signature, String returns, String attrs, String body) {
      String name = qn(schema(), name(base));
      head.append("CREATE FUNCTION ").append(name).append("(").append(signature).append(") RETURNS ").append(returns)
          .append(" LANGUAGE sql ").append(attrs).append(" AS ").append(lit(body)).append(";\n");
      return name;
    }

    void functionsBeforeTables() {
      if (on(Feature.FUNCTION_DEFAULTS) || on(Feature.FUNCTION_PARAMETER_DEFAULTS)) {
        fn.put("default", function("fdef", "", "integer", "STABLE", "SELECT 7"));
      }
      if (on(Feature.FUNCTION_CHECKS)) {
        fn.put("check", function("fchk", "integer", "boolean", "IMMUTABLE", "SELECT $1 >= 0"));
      }
      if (on(Feature.FUNCTION_INDEXES)) {
        fn.put("index", function("fidx", "text", "text", "IMMUTABLE", "SELECT lower($1) || 'x'"));
      }
      if (on(Feature.GENERATED_COLUMNS)) {
        fn.put("gen", function("fgen", "integer", "integer", "IMMUTABLE", "SELECT $1 * 2 + 1"));
      }
      if (on(Feature.FUNCTION_PARAMETER_DEFAULTS)) {
        String name = qn(schema(), name("fparam"));
        head.append("CREATE FUNCTION ").append(name).append("(a integer DEFAULT ").append(fn.get("default"))
            .append("()) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 + 1';\n");
        fn.put("param", name);
      }
      if (on(Feature.OPERATORS) || on(Feature.OPERATOR_CLASSES)) {
        fn.put("eq", function("feq", "integer, integer", "boolean", "IMMUTABLE", "SELECT $1 = $2"));
        head.append("CREATE OPERATOR ").append(q(s1)).append(".=== (LEFTARG = integer, RIGHTARG = integer, FUNCTION = ")
            .append(fn.get("eq")).append(", COMMUTATOR = OPERATOR(").append(q(s1)).append(".===));\n");
        fn.put("op", "OPERATOR(" + q(s1) + ".===)");
      }
      if (on(Feature.OPERATOR_CLASSES)) {
        fn.put("cmp", function("frevcmp", "integer, integer", "integer", "IMMUTABLE", "SELECT btint4cmp($2, $1)"));
        String opc = qn(s1, name("rev_ops"));
        head.append("CREATE OPERATOR CLASS ").append(opc).append(" FOR TYPE integer USING btree AS OPERATOR 1 >, OPERATOR 2 >=,"
            + " OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 ").append(fn.get("cmp")).append("(integer, integer);\n");
        fn.put("opclass", opc);
      }
      if (on(Feature.CASTS)) {
        fn.put("castfn", function("fcast", qn(s2, comp), "integer", "IMMUTABLE", "SELECT ($1).a"));
        head.append("CREATE CAST (").append(qn(s2, comp)).append(" AS integer) WITH FUNCTION ").append(fn.get("castfn")).append("(")
            .append(qn(s2, comp)).append(");\n");
      }
      if (on(Feature.TEXT_SEARCH)) {
        String dict = qn(s1, name("dict"));
        String cfg = qn(s2, name("cfg"));
        head.append("CREATE TEXT SEARCH DICTIONARY ").append(dict).append(" (TEMPLATE = simple, ACCEPT = false);\n");
        head.append("CREATE TEXT SEARCH CONFIGURATION ").append(cfg).append(" (COPY = pg_catalog.simple);\n");
        head.append("ALTER TEXT SEARCH CONFIGURATION ").append(cfg).append(" ALTER MAPPING FOR asciiword WITH ").append(dict)
            .append(", pg_catalog.simple;\n");
        fn.put("cfg", cfg);
      }
      if (on(Feature.TRIGGERS)) {
        String name = qn(schema(), name("ftrg"));
        head.append("CREATE FUNCTION ").append(name).append("() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.note := NEW.note || '+';"
            + " RETURN NEW; END$$;\n");
        fn.put("trigger", name);
        String stmt = qn(schema(), name("fstmt"));
        head.append("CREATE FUNCTION ").append(stmt).append("() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;\n");
        fn.put("stmt", stmt);
      }
    }

    void table() {
      String kind = "plain";
      int pick = rnd.nextInt(10);
      List<Table> plainParents = tables.stream().filter(t -> t.kind.equals("plain") && t.parent == null).toList();
      if (on(Feature.PARTITIONED) && pick < 3) {
        kind = on(Feature.ENUM_PARTITION_BOUNDS) && rnd.nextBoolean() ? "list" : "range";
      } else if (on(Feature.INHERITANCE) && pick < 5 && !plainParents.isEmpty()) {
        kind = "inherits";
      }
      if (kind.equals("list") && region == null) {
        kind = "range";
      }
      Table t = new Table(schema(), name(kind.equals("inherits") ? "kid" : "t"), 4 + rnd.nextInt(12), kind);
      if (kind.equals("inherits")) {
        t.parent = plainParents.get(rnd.nextInt(plainParents.size()));
      } else {
        t.colDefs.add("id integer NOT NULL");
        t.colDefs.add("k integer NOT NULL");
        t.colDefs.add("u integer");
        t.colDefs.add("note text");
      }
      t.hasR = region != null && (kind.equals("list") || kind.equals("inherits") && t.parent.hasR || rnd.nextBoolean());
      if (t.hasR && !(kind.equals("inherits") && t.parent.hasR)) {
        t.colDefs.add("r " + qn(s1, region) + " NOT NULL");
      }
      t.insertCols.addAll(List.of("id", "k", "u", "note"));
      t.insertExprs.addAll(List.of("g", "g % 3", "g * 10", "'n' || g"));
      if (t.parent != null) {
        for (String c : t.parent.identity) {
          t.insertCols.add(c);
          t.insertExprs.add("g");
        }
      }
      if (t.hasR) {
        t.insertCols.add("r");
        t.insertExprs.add(labelOf("g"));
      }
      switch (kind) {
        case "list" -> {
          t.colDefs.add("PRIMARY KEY (id, r)");
          t.keys.add(new Key(List.of("id", "r"), List.of("integer", qn(s1, region))));
        }
        case "range" -> {
          t.colDefs.add("PRIMARY KEY (id)");
          t.colDefs.add("UNIQUE (id, k)");
          t.keys.add(new Key(List.of("id"), List.of("integer")));
          t.keys.add(new Key(List.of("id", "k"), List.of("integer", "integer")));
        }
        default -> {
          t.colDefs.add("PRIMARY KEY (id)");
          t.keys.add(new Key(List.of("id"), List.of("integer")));
          if (on(Feature.COMPOSITE_FK)) {
            t.colDefs.add("UNIQUE (id, k)");
            t.keys.add(new Key(List.of("id", "k"), List.of("integer", "integer")));
          }
          if (on(Feature.FK_TO_UNIQUE)) {
            t.colDefs.add("CONSTRAINT " + q(name("uq")) + " UNIQUE (u)");
            t.keys.add(new Key(List.of("u"), List.of("integer")));
          }
        }
      }
      t.colDefs.add("CHECK (id > 0)");
      extras(t);
      StringBuilder sb = new StringBuilder("CREATE TABLE ").append(t.qn()).append(" (").append(String.join(", ", t.colDefs)).append(")");
      if (kind.equals("inherits")) {
        sb.append(" INHERITS (").append(t.parent.qn()).append(")");
      } else if (kind.equals("list")) {
        sb.append(" PARTITION BY LIST (r)");
      } else if (kind.equals("range")) {
        sb.append(" PARTITION BY RANGE (id)");
      }
      ddl.append(sb).append(";\n");
      if (kind.equals("list")) {
        int split = rnd.nextInt(3);
        for (int i = 0; i < LABELS.length; i++) {
          if (i == split && rnd.nextBoolean()) {
            partition(t, "DEFAULT");
            break;
          }
          partition(t, "FOR VALUES IN ('" + LABELS[i] + "')");
        }
      } else if (kind.equals("range")) {
        int mid = 1 + t.rows / 2;
        partition(t, "FOR VALUES FROM (MINVALUE) TO (" + mid + ")");
        partition(t, "FOR VALUES FROM (" + mid + ") TO (MAXVALUE)");
      }
      ddl.append(String.join("", t.after));
      tables.add(t);
    }

    void partition(Table t, String bound) {
      // in bytes: a name of two-byte letters under 40 characters may still overflow 63 bytes, truncate and collide
      String p = qn(t.schema, name(t.name.getBytes(StandardCharsets.UTF_8).length > 40 ? "p" : t.name + "_p"));
      if (chance(Feature.ATTACHED_PARTITIONS, 40)) {
        // the same columns, defaults and checks as the parent, and a primary key of its own name that the parent's
        // key adopts at ATTACH
        ddl.append("CREATE TABLE ").append(p).append(" (LIKE ").append(t.qn()).append(" INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED);\n");
        ddl.append("ALTER TABLE ").append(p).append(" ADD CONSTRAINT ").append(q(name("own_pk"))).append(" PRIMARY KEY (")
            .append(String.join(", ", t.keys.get(0).cols())).append(");\n");
        ddl.append("ALTER TABLE ").append(t.qn()).append(" ATTACH PARTITION ").append(p).append(" ").append(bound).append(";\n");
      } else {
        ddl.append("CREATE TABLE ").append(p).append(" PARTITION OF ").append(t.qn()).append(" ").append(bound).append(";\n");
      }
      if (chance(Feature.PARTITION_INDEXES, 60)) {
        ddl.append("CREATE INDEX ").append(q(name("pidx"))).append(" ON ").append(p).append(" (note);\n");
      }
    }

    String labelOf(String p) {
      return "(ARRAY['eu', 'us', 'ap']::" + qn(s1, region) + "[])[(" + p + ") % 3 + 1]";
    }

    void extras(Table t) {
      boolean partitioned = !t.kind.equals("plain") && !t.kind.equals("inherits");
      // Unique per table, so an inheritance child never merges a column of its parent's.
      String dd = "dd" + (++counter), dc = "dc" + (++counter), ca = "ca" + (++counter), fd = "fd" + (++counter);
      String fp = "fp" + (++counter), gc = "gc" + (++counter), cc = "cc" + (++counter), sq = "sq" + (++counter);
      String ser = "ser" + (++counter), idn = "idn" + (++counter);
      if (chance(Feature.DOMAINS, 60)) {
        t.colDefs.add(dd + " " + qn(s2, d2));
        t.insertCols.add(dd);
        t.insertExprs.add("g");
      }
      if (chance(Feature.COMPOSITE_DOMAIN, 50)) {
        t.colDefs.add(dc + " " + qn(s1, dcomp));
        t.insertCols.add(dc);
        t.insertExprs.add("ROW(g, 'c' || g)::" + qn(s2, comp));
      }
      if (chance(Feature.ARRAY_OF_COMPOSITE, 50)) {
        t.colDefs.add(ca + " " + qn(s2, comp) + "[]");
        t.insertCols.add(ca);
        t.insertExprs.add("ARRAY[ROW(g, 'a')::" + qn(s2, comp) + ", ROW(g + 1, NULL)::" + qn(s2, comp) + "]");
      }
      if (chance(Feature.FUNCTION_DEFAULTS, 60)) {
        t.colDefs.add(fd + " integer DEFAULT " + fn.get("default") + "()");
      }
      if (chance(Feature.FUNCTION_PARAMETER_DEFAULTS, 40)) {
        t.colDefs.add(fp + " integer DEFAULT " + fn.get("param") + "()");
      }
      if (chance(Feature.FUNCTION_CHECKS, 60)) {
        t.colDefs.add("CONSTRAINT " + q(name("chk")) + " CHECK (" + fn.get("check") + "(k))");
      }
      if (chance(Feature.GENERATED_COLUMNS, 50)) {
        t.colDefs.add(gc + " integer GENERATED ALWAYS AS (" + fn.get("gen") + "(k)) STORED");
      }
      if (chance(Feature.OPERATORS, 40)) {
        t.colDefs.add("CONSTRAINT " + q(name("opchk")) + " CHECK (NOT (id " + fn.get("op") + " 0))");
      }
      if (chance(Feature.CASTS, 40)) {
        t.colDefs.add(cc + " integer DEFAULT (ROW(3, 'x')::" + qn(s2, comp) + ")::integer");
      }
      if (chance(Feature.OWNED_SEQUENCES, 50)) {
        String seq = qn(t.schema, name("seq"));
        ddl.append("CREATE SEQUENCE ").append(seq).append(" START 100;\n");
        t.colDefs.add(sq + " bigint DEFAULT nextval(" + lit(seq) + "::regclass)");
        t.after.add("ALTER SEQUENCE " + seq + " OWNED BY " + t.qn() + "." + sq + ";\n");
      }
      if (chance(Feature.OWNED_SEQUENCES, 30)) {
        t.colDefs.add(ser + " serial");
      }
      if (chance(Feature.IDENTITY, 40) && !t.kind.equals("inherits")) {
        t.colDefs.add(idn + " bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 5)");
        t.identity.add(idn);
      }
      if (chance(Feature.FUNCTION_INDEXES, 60)) {
        t.after.add("CREATE INDEX " + q(name("fidx")) + " ON " + t.qn() + " (" + fn.get("index") + "(note));\n");
      }
      if (chance(Feature.OPERATOR_CLASSES, 40)) {
        t.after.add("CREATE INDEX " + q(name("ridx")) + " ON " + t.qn() + " (k " + fn.get("opclass") + ");\n");
      }
      if (chance(Feature.TEXT_SEARCH, 40)) {
        t.after.add("CREATE INDEX " + q(name("tsidx")) + " ON " + t.qn() + " USING gin (to_tsvector(" + lit(fn.get("cfg"))
            + "::regconfig, note));\n");
      }
      if (chance(Feature.EXTENDED_STATISTICS, 40) && !partitioned) {
        t.after.add("CREATE STATISTICS " + qn(t.schema, name("st")) + " (ndistinct, dependencies) ON id, k FROM " + t.qn() + ";\n");
      }
      if (chance(Feature.COLUMN_OPTIONS, 50) && !partitioned) {
        String ix = name("kix");
        t.after.add("ALTER TABLE " + t.qn() + " ALTER COLUMN k SET (n_distinct = 3);\n");
        t.after.add("CREATE INDEX " + q(ix) + " ON " + t.qn() + " ((k + 1));\n");
        t.after.add("ALTER INDEX " + qn(t.schema, ix) + " ALTER COLUMN 1 SET STATISTICS 500;\n");
      }
      if (chance(Feature.RELATION_STATE, 40) && !partitioned) {
        String ix = name("rix");
        t.after.add("CREATE UNIQUE INDEX " + q(ix) + " ON " + t.qn() + " (id);\n");
        t.after.add("ALTER TABLE " + t.qn() + " REPLICA IDENTITY " + switch (rnd.nextInt(3)) {
          case 0 -> "USING INDEX " + q(ix);
          case 1 -> "FULL";
          default -> "NOTHING";
        } + ";\n");
        t.after.add("ALTER TABLE " + t.qn() + " CLUSTER ON " + q(ix) + ";\n");
      }
      if (rnd.nextInt(3) == 0) {
        t.after.add("CREATE INDEX " + q(name("ix")) + " ON " + t.qn() + " (note, k DESC)" + (rnd.nextBoolean() ? " WHERE k > 0" : "") + ";\n");
      }
      if (chance(Feature.COMMENTS, 40)) {
        t.after.add("COMMENT ON TABLE " + t.qn() + " IS " + lit("table " + t.name + " 'quoted'") + ";\n");
      }
    }

    void foreignKeys() {
      for (int i = 0; i < tables.size(); i++) {
        Table child = tables.get(i);
        int fkCount = rnd.nextInt(3);
        for (int j = 0; j < fkCount; j++) {
          Table parent;
          boolean back;
          if (chance(Feature.SELF_FK, 20)) {
            parent = child;
            back = false;
          } else if (chance(Feature.FK_CYCLE, 25) && i + 1 < tables.size()) {
            parent = tables.get(i + 1 + rnd.nextInt(tables.size() - i - 1));
            back = true;
          } else if (i > 0) {
            parent = tables.get(rnd.nextInt(i));
            back = false;
          } else {
            continue;
          }
          if (!on(Feature.CROSS_SCHEMA) && !parent.schema.equals(child.schema)
              || !on(Feature.LATE_PARENT_COLUMNS) && tables.stream().anyMatch(t -> t.parent == child)
              || !on(Feature.FK_TO_PARTITIONED) && (parent.kind.equals("list") || parent.kind.equals("range"))) {
            continue;
          }
          List<Key> keys = parent.keys.isEmpty() ? parent.parent.keys : parent.keys;
          Key key = keys.get(rnd.nextInt(keys.size()));
          if (key.cols().size() > 1 && !on(Feature.COMPOSITE_FK) && !parent.kind.equals("list")) {
            key = keys.get(0);
          }
          boolean deferrable = back && chance(Feature.DEFERRABLE_FK_CYCLE, 60) || rnd.nextInt(8) == 0;
          String tag = chance(Feature.AWKWARD_NAMES, 20) ? AWKWARD[rnd.nextInt(AWKWARD.length)] + " " + (++counter) + "_"
              : "f" + (++counter) + "_";
          List<String> cols = new ArrayList<>();
          for (int c = 0; c < key.cols().size(); c++) {
            String col = tag + key.cols().get(c);
            cols.add(q(col));
            String def = q(col) + " " + key.types().get(c);
            ddl.append("ALTER TABLE ").append(child.qn()).append(" ADD COLUMN ").append(def).append(";\n");
          }
          StringJoiner refCols = new StringJoiner(", ");
          key.cols().forEach(refCols::add);
          List<String> exprs = refValues(key, parent == child, j, parent.rows, "g");
          fks.append("ALTER TABLE ").append(child.qn()).append(" ADD CONSTRAINT ").append(q(name("fk"))).append(" FOREIGN KEY (")
              .append(String.join(", ", cols)).append(") REFERENCES ").append(parent.qn()).append(" (").append(refCols).append(")")
              .append(rnd.nextInt(4) == 0 ? " ON DELETE CASCADE" : "").append(deferrable ? " DEFERRABLE INITIALLY DEFERRED" : "")
              .append(";\n");
          if (back && !deferrable) {
            // Not deferrable: the referenced rows come later, so the key is filled in afterwards.
            StringJoiner set = new StringJoiner(", ");
            for (int c = 0; c < cols.size(); c++) {
              set.add(cols.get(c) + " = " + refValues(key, false, j, parent.rows, "id").get(c));
            }
            post.insert(0, "UPDATE " + child.qn() + " SET " + set + ";\n");
          } else {
            if (back) {
              deferredData = true;
            }
            for (int c = 0; c < cols.size(); c++) {
              child.insertCols.add(cols.get(c));
              child.insertExprs.add(exprs.get(c));
            }
          }
        }
      }
    }

    /** What a referencing row numbered {@code g} writes into the key's columns: the key of row p, or NULLs. */
    List<String> refValues(Key key, boolean self, int j, int parentRows, String g) {
      String ref = self ? "nullif(" + g + " - 1, 0)" : "(1 + (" + g + " * 7 + " + j + ") % " + parentRows + ")";
      String p = "CASE WHEN " + g + " % 5 = 4 THEN NULL ELSE " + ref + " END";
      List<String> exprs = new ArrayList<>();
      for (String kc : key.cols()) {
        exprs.add(switch (kc) {
          case "id" -> p;
          case "k" -> "(" + p + ") % 3";
          case "u" -> "(" + p + ") * 10";
          default -> labelOf(p);
        });
      }
      return exprs;
    }

    void insert(Table t) {
      List<String> cols = new ArrayList<>();
      for (String c : t.insertCols) {
        cols.add(c.startsWith("\"") ? c : q(c));
      }
      data.append("INSERT INTO ").append(t.qn()).append(" (").append(String.join(", ", cols)).append(") SELECT ")
          .append(String.join(", ", t.insertExprs)).append(" FROM generate_series(1, ").append(t.rows).append(") g;\n");
    }

    void views() {
      if (!on(Feature.VIEWS) && !on(Feature.FUNCTION_VIEW_ROW)) {
        return;
      }
      List<String> views = new ArrayList<>();
      int n = 1 + rnd.nextInt(3);
      for (int i = 0; i < n; i++) {
        Table t = tables.get(rnd.nextInt(tables.size()));
        String v = qn(schema(), name("v"));
        String from = views.isEmpty() || !on(Feature.VIEWS) || rnd.nextBoolean()
            ? "SELECT id, note, k FROM " + t.qn() + " WHERE id % 2 = 0"
            : "SELECT x.id, x.note || y.note AS note, x.k FROM " + views.get(rnd.nextInt(views.size())) + " x JOIN " + t.qn()
                + " y ON y.id = x.id";
        post.append("CREATE VIEW ").append(v).append(" AS ").append(from).append(";\n");
        if (chance(Feature.VIEW_COLUMN_DEFAULTS, 50)) {
          post.append("ALTER VIEW ").append(v).append(" ALTER COLUMN note SET DEFAULT 'from the view';\n");
        }
        views.add(v);
      }
      if (chance(Feature.MATERIALIZED_VIEW, 60)) {
        post.append("CREATE MATERIALIZED VIEW ").append(qn(schema(), name("mv"))).append(" AS SELECT count(*) AS n, max(note) AS m FROM ")
            .append(views.get(views.size() - 1)).append(";\n");
      }
      if (on(Feature.FUNCTION_VIEW_ROW)) {
        String v = views.get(rnd.nextInt(views.size()));
        post.append("CREATE FUNCTION ").append(qn(schema(), name("fv"))).append("() RETURNS SETOF ").append(v)
            .append(" LANGUAGE sql STABLE AS ").append(lit("SELECT * FROM " + v)).append(";\n");
        post.append("CREATE FUNCTION ").append(qn(schema(), name("fvarg"))).append("(r ").append(v)
            .append(") RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT (r).id';\n");
      }
    }

    void objects() {
      if (on(Feature.RECURSIVE_VIEW)) {
        String rv = name("rv");
        post.append("CREATE RECURSIVE VIEW ").append(qn(schema(), rv)).append(" (n) AS VALUES (1) UNION ALL SELECT n + 1 FROM ")
            .append(q(rv)).append(" WHERE n < 5;\n");
      }
      if (on(Feature.FUNCTION_TABLE_ROW)) {
        Table t = tables.get(rnd.nextInt(tables.size()));
        post.append("CREATE FUNCTION ").append(qn(schema(), name("fset"))).append("() RETURNS SETOF ").append(t.qn())
            .append(" LANGUAGE sql STABLE AS ").append(lit("SELECT * FROM " + t.qn())).append(";\n");
        post.append("CREATE FUNCTION ").append(qn(schema(), name("frow"))).append("(r ").append(t.qn())
            .append(") RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT (r).id + 1';\n");
        post.append("CREATE FUNCTION ").append(qn(schema(), name("ftab"))).append("() RETURNS TABLE (a integer, b text) LANGUAGE sql STABLE AS ")
            .append(lit("SELECT id, note FROM " + t.qn())).append(";\n");
      }
      for (Table t : tables) {
        if (chance(Feature.TRIGGERS, 50)) {
          post.append("CREATE TRIGGER ").append(q(name("trg"))).append(" BEFORE INSERT OR UPDATE OF note ON ").append(t.qn())
              .append(" FOR EACH ROW").append(rnd.nextBoolean() ? " WHEN (NEW.id > 0)" : "").append(" EXECUTE FUNCTION ")
              .append(fn.get("trigger")).append("();\n");
          if (rnd.nextBoolean()) {
            post.append("CREATE TRIGGER ").append(q(name("strg"))).append(" AFTER DELETE ON ").append(t.qn())
                .append(" FOR EACH STATEMENT EXECUTE FUNCTION ").append(fn.get("stmt")).append("();\n");
          }
        }
        if (chance(Feature.RULES, 30)) {
          post.append("CREATE RULE ").append(q(name("rule"))).append(" AS ON UPDATE TO ").append(t.qn())
              .append(" WHERE NEW.id < 0 DO INSTEAD NOTHING;\n");
        }
        if (chance(Feature.COMMENTS, 30)) {
          post.append("COMMENT ON COLUMN ").append(t.qn()).append(".note IS 'the note';\n");
        }
      }
      if (on(Feature.FOREIGN_TABLES)) {
        String w = q(name("fdw"));
        String srv = q(name("srv"));
        post.append("CREATE FOREIGN DATA WRAPPER ").append(w).append(";\n");
        post.append("CREATE SERVER ").append(srv).append(" FOREIGN DATA WRAPPER ").append(w).append(" OPTIONS (host 'nowhere');\n");
        post.append("CREATE FOREIGN TABLE ").append(qn(schema(), name("ft"))).append(" (a integer, b text) SERVER ").append(srv)
            .append(" OPTIONS (table_name 'x');\n");
      }
      if (on(Feature.LARGE_OBJECTS)) {
        post.append("SELECT lo_from_bytea(0, 'large object ").append(seedText()).append("');\n");
      }
      if (on(Feature.COMMENTS) && comp != null) {
        post.append("COMMENT ON TYPE ").append(qn(s2, comp)).append(" IS 'a composite';\n");
      }
    }

    String seedText() {
      return Integer.toString(rnd.nextInt(1000));
    }
  }
}
