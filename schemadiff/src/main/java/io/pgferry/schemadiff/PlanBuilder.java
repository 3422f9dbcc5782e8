package io.pgferry.schemadiff;

import io.pgferry.extractor.DependencyOrder;
import io.pgferry.extractor.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects a plan's changes by stage and names preserved objects; {@link #build()} freezes it. */
final class PlanBuilder {
  /** Stages in execution order; consecutive stages with one title print as one section. */
  enum Stage {
    // PostgreSQL refuses a new enum value in the transaction that adds it: values this plan uses are committed first
    ENUM_VALUES(SchemaPlan.COMMITTED_FIRST),
    SETTINGS("settings for this script"),
    DROP_FOREIGN_KEYS("drops of dependents"),
    DROP_OBJECTS("drops of dependents"),
    DROP_CONSTRAINTS("drops of dependents"),
    DROP_INDEXES("drops of dependents"),
    DETACH("partitions and inheritance children that leave their parents"),
    // before any column changes type: each table's own default goes first (ALTER TYPE recurses to partitions and
    // children, whose defaults may not cast)
    DROP_DEFAULTS("drops of dependents"),
    // see DefaultPrivilegeDiff: objects this plan creates must start with the built-in default ACL
    DEFAULT_PRIVILEGES_UNDO("default privileges of the target, undone until the objects exist"),
    SCHEMAS("schemas"),
    TYPES("types"),
    // Before tables, not after indexes: column defaults and checks may call them; bodies are checked at run time.
    FUNCTIONS("functions and procedures"),
    // Operators, classes, casts and text search objects name functions and types; tables' indexes and
    // generated columns name them.
    OPERATORS("operators, casts and text search objects"),
    SEQUENCES("sequences"),
    TABLES("tables"),
    COLUMNS("columns"),
    // Partitions' keys and indexes that are attached to their parents', partitions first: before the parents'
    // (whose cascade then attaches them instead of creating others) and before a new partition is attached
    PARTITION_KEYS("keys and indexes of partitions"),
    // after the parents' new columns, which a partition or child must have too
    ATTACH("partitions and inheritance"),
    CONSTRAINTS("constraints"),
    INDEXES("indexes"),
    FOREIGN_KEYS("foreign keys"),
    // routines with SQL-standard bodies too: the server resolves their tables at creation
    VIEWS("views and routines with SQL-standard bodies"),
    TRIGGERS("triggers"),
    POLICIES("policies"),
    // every revoke before any grant: revoking a table privilege revokes that privilege on its columns too
    REVOKES("grants undone"),
    GRANTS("grants"),
    COMMENTS("comments"),
    DEPENDENTS("recreation of dependents"),
    DEFAULT_PRIVILEGES("default privileges"),
    CLEANUP("removed types, sequences and routines"),
    // after everything in them is gone
    DROP_SCHEMAS("removed schemas"),
    // --online: after the plan's transaction commits, each on its own; indexes and keys before the foreign keys
    // that may need them
    ONLINE_INDEXES(SchemaPlan.ONLINE),
    ONLINE_VALIDATE(SchemaPlan.ONLINE),
    NOTES("cleanup to run by hand after verification");

    final String title;

    Stage(String title) {
      this.title = title;
    }
  }

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
  private static final int MAX_IDENT_BYTES = 63;

  private final Map<Stage, List<SchemaPlan.Change>> stages = new EnumMap<>(Stage.class);
  /** The object a change creates or drops, for {@link #orderByDependencies}; changes without one keep their place. */
  private final Map<SchemaPlan.Change, ObjectKey> keys = new IdentityHashMap<>();
  final DiffOptions options;
  final String stamp;
  /** Roles the plan's default-privilege statements name (PUBLIC excluded): they must exist on the target. */
  final java.util.Set<String> roles = new java.util.TreeSet<>();
  /** See {@link SchemaPlan#remarks()}. */
  final List<String> remarks = new ArrayList<>();

  PlanBuilder(DiffOptions options) {
    this.options = options;
    this.stamp = STAMP.format(options.clock().instant());
  }

  void add(Stage stage, String sql, String reason, Hazard... hazards) {
    stages.computeIfAbsent(stage, s -> new ArrayList<>()).add(new SchemaPlan.Change(sql, reason, List.of(hazards), false));
  }

  void add(Stage stage, String sql, String reason, List<Hazard> hazards) {
    stages.computeIfAbsent(stage, s -> new ArrayList<>()).add(new SchemaPlan.Change(sql, reason, hazards, false));
  }

  /** A change about {@code key}: {@link #orderByDependencies} moves the changes of one key together. */
  void add(Stage stage, ObjectKey key, String sql, String reason, Hazard... hazards) {
    SchemaPlan.Change c = new SchemaPlan.Change(sql, reason, List.of(hazards), false);
    stages.computeIfAbsent(stage, s -> new ArrayList<>()).add(c);
    keys.put(c, key);
  }

  /**
   * Reorders one stage so that the changes of an object come after those of the objects it depends on
   * ({@code reverse}: before, for drops), across kinds: a domain over a new table's row type between that
   * table and the table that has a column of it. Otherwise the order of addition stays (ties by position).
   */
  void orderByDependencies(Stage stage, Map<ObjectKey, Set<ObjectKey>> deps, boolean reverse) {
    List<SchemaPlan.Change> changes = stages.get(stage);
    if (changes == null || changes.size() < 2) {
      return;
    }
    record Unit(ObjectKey key, int first, List<SchemaPlan.Change> changes) {}
    Map<ObjectKey, Unit> units = new LinkedHashMap<>();
    for (int i = 0; i < changes.size(); i++) {
      SchemaPlan.Change c = changes.get(i);
      // an unkeyed change is a unit of its own that nothing depends on
      ObjectKey k = keys.getOrDefault(c, new ObjectKey("plan step", List.of(String.valueOf(i)), List.of()));
      int at = i;
      units.computeIfAbsent(k, x -> new Unit(x, at, new ArrayList<>())).changes().add(c);
    }
    List<Unit> list = new ArrayList<>(units.values());
    Comparator<Unit> byPosition = Comparator.comparingInt(Unit::first);
    List<Unit> sorted;
    if (reverse) {
      // Dependents first: the creation order of the target's graph, reversed, ties again by position.
      sorted = new ArrayList<>(DependencyOrder.sort(list, Unit::key, deps, byPosition.reversed()));
      Collections.reverse(sorted);
    } else {
      sorted = DependencyOrder.sort(list, Unit::key, deps, byPosition);
    }
    List<SchemaPlan.Change> out = new ArrayList<>();
    sorted.forEach(u -> out.addAll(u.changes()));
    stages.put(stage, out);
  }

  /** {@code ALTER TYPE … ADD VALUE} changes by enum, with the value's literal, for {@link #commitUsedEnumValues}. */
  private final Map<SchemaPlan.Change, String[]> enumValues = new IdentityHashMap<>();

  void addEnumValue(String enumName, String literal, String sql, String reason, Hazard hazard) {
    SchemaPlan.Change c = new SchemaPlan.Change(sql, reason, List.of(hazard), false);
    stages.computeIfAbsent(Stage.TYPES, s -> new ArrayList<>()).add(c);
    enumValues.put(c, new String[] {enumName, literal});
  }

  /**
   * Moves the new values of every enum one of whose new values another statement mentions (a default, a check, a
   * view) to {@link Stage#ENUM_VALUES}, committed before the plan's transaction. All of one enum's go together: a
   * value is added AFTER another that may be new too.
   */
  void commitUsedEnumValues() {
    java.util.Set<String> used = new java.util.HashSet<>();
    for (Map.Entry<SchemaPlan.Change, String[]> e : enumValues.entrySet()) {
      boolean mentioned = stages.values().stream().flatMap(List::stream)
          .anyMatch(c -> !enumValues.containsKey(c) && !c.note() && c.sql().contains(e.getValue()[1]));
      if (mentioned) {
        used.add(e.getValue()[0]);
      }
    }
    List<SchemaPlan.Change> types = stages.getOrDefault(Stage.TYPES, List.of());
    List<SchemaPlan.Change> moved = types.stream().filter(c -> enumValues.containsKey(c) && used.contains(enumValues.get(c)[0])).toList();
    if (moved.isEmpty()) {
      return;
    }
    types.removeAll(moved);
    for (SchemaPlan.Change c : moved) {
      stages.computeIfAbsent(Stage.ENUM_VALUES, s -> new ArrayList<>()).add(new SchemaPlan.Change(c.sql(), c.reason()
          + "; used by this plan, so committed before its transaction", List.of(Hazard.of(Hazard.Kind.MAY_FAIL, c.hazards().get(0).id(),
          "committed on its own before the plan: the value stays if the plan then fails")), false));
    }
  }

  void note(String sql, String reason) {
    stages.computeIfAbsent(Stage.NOTES, s -> new ArrayList<>()).add(new SchemaPlan.Change(sql, reason, List.of(), true));
  }

  boolean has(Stage stage) {
    return stages.containsKey(stage);
  }

  /** {@code bak_<base>_<stamp>}, the base shortened so the name fits PostgreSQL's 63 bytes. */
  String backupName(String base) {
    return fit("bak_", base, "_" + stamp);
  }

  /** {@code <base>_dropped_<stamp>}. */
  String droppedName(String base) {
    return fit("", base, "_dropped_" + stamp);
  }

  String oldName(String base) {
    return fit("", base, "_old_" + stamp);
  }

  static String fit(String prefix, String base, String suffix) {
    int room = MAX_IDENT_BYTES - bytes(prefix) - bytes(suffix);
    StringBuilder sb = new StringBuilder();
    for (int cp : base.codePoints().toArray()) {
      String ch = new String(Character.toChars(cp));
      if (bytes(sb.toString()) + bytes(ch) > room) {
        break;
      }
      sb.append(ch);
    }
    return prefix + sb + suffix;
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  SchemaPlan build() {
    List<SchemaPlan.Section> out = new ArrayList<>();
    String title = null;
    List<SchemaPlan.Change> current = null;
    for (Stage s : Stage.values()) {
      List<SchemaPlan.Change> changes = stages.getOrDefault(s, List.of());
      if (changes.isEmpty()) {
        continue;
      }
      if (!s.title.equals(title)) {
        if (current != null) {
          out.add(new SchemaPlan.Section(title, current));
        }
        title = s.title;
        current = new ArrayList<>();
      }
      current.addAll(changes);
    }
    if (current != null) {
      out.add(new SchemaPlan.Section(title, current));
    }
    return new SchemaPlan(out, roles, remarks);
  }
}
