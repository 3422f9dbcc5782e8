package io.pgferry.schemadiff;

import io.pgferry.extractor.Option;
import io.pgferry.extractor.SqlStatement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link SchemaDiff} decided: statements in sections whose order always applies, each with the
 * reason it exists and its hazards. Immutable; {@link #render} gives the SQL script, {@link #statements()}
 * what an applier runs.
 *
 * @param roles roles the plan's default-privilege statements name (PUBLIC excluded); the caller checks that the
 *     target has them before applying, since roles are cluster-wide and never synced
 * @param remarks differences the plan leaves alone on purpose, each with what would change it (a table whose column
 *     order differs, rebuilt only with consent)
 */
public record SchemaPlan(List<Section> sections, Set<String> roles, List<String> remarks) {
  /**
   * Title of the section applied and committed on its own before the others' one transaction: enum values that the
   * plan uses (PostgreSQL refuses a value in the transaction that adds it).
   */
  public static final String COMMITTED_FIRST = "enum values used by this plan, added and committed before its transaction";
  /**
   * Title of the section of an online plan (DiffOptions#online) run after the plan's transaction commits, each statement
   * in its own transaction (CREATE INDEX CONCURRENTLY in none): a failure leaves the transaction and the steps before
   * it done, and running the sync again plans what is left.
   */
  public static final String ONLINE = "online steps, each in its own transaction after the rest commits"
      + " (a failure leaves the earlier ones done; running schema-sync again finishes the rest)";

  public SchemaPlan {
    sections = List.copyOf(sections);
    roles = Set.copyOf(new java.util.TreeSet<>(roles));
    remarks = List.copyOf(remarks);
  }

  public SchemaPlan(List<Section> sections, Set<String> roles) {
    this(sections, roles, List.of());
  }

  public SchemaPlan(List<Section> sections) {
    this(sections, Set.of());
  }

  /** One titled group of changes, e.g. {@code columns}. */
  public record Section(String title, List<Change> changes) {
    public Section {
      changes = List.copyOf(changes);
    }
  }

  /**
   * One statement of the plan.
   *
   * @param sql the statement without a trailing semicolon
   * @param reason one line saying why it is there
   * @param note true for a statement printed as a comment only (cleanup the user runs after verifying)
   */
  public record Change(String sql, String reason, List<Hazard> hazards, boolean note) {
    public Change {
      Objects.requireNonNull(sql, "sql");
      Objects.requireNonNull(reason, "reason");
      hazards = List.copyOf(hazards);
    }

    public SqlStatement statement() {
      return new SqlStatement(sql, reason);
    }
  }

  /** No difference: applying the plan would do nothing. */
  public boolean isEmpty() {
    return sections.stream().allMatch(s -> s.changes().stream().allMatch(Change::note));
  }

  /** The statements of the plan's one transaction, in order (notes and {@link #committedFirst()} left out). */
  public List<SqlStatement> statements() {
    List<SqlStatement> out = new ArrayList<>();
    for (Section s : sections) {
      if (!s.title().equals(COMMITTED_FIRST) && !s.title().equals(ONLINE)) {
        s.changes().stream().filter(c -> !c.note()).forEach(c -> out.add(c.statement()));
      }
    }
    return out;
  }

  /** Statements to run after {@link #statements()} commit, each on its own (see {@link #ONLINE}); none unless online. */
  public List<SqlStatement> onlineSteps() {
    List<SqlStatement> out = new ArrayList<>();
    sections.stream().filter(s -> s.title().equals(ONLINE)).forEach(s -> s.changes().forEach(c -> out.add(c.statement())));
    return out;
  }

  /** Statements to apply and commit before {@link #statements()} (see {@link #COMMITTED_FIRST}); usually none. */
  public List<SqlStatement> committedFirst() {
    List<SqlStatement> out = new ArrayList<>();
    sections.stream().filter(s -> s.title().equals(COMMITTED_FIRST)).forEach(s -> s.changes().forEach(c -> out.add(c.statement())));
    return out;
  }

  public List<Hazard> hazards() {
    List<Hazard> out = new ArrayList<>();
    sections.forEach(s -> s.changes().forEach(c -> out.addAll(c.hazards())));
    return out;
  }

  /** Ids of hazards that need the user's consent and are not in {@code allowed} ({@code all} allows every one). */
  public Set<String> refusedHazards(Set<String> allowed) {
    Set<String> out = new LinkedHashSet<>();
    if (allowed.contains("all")) {
      return out;
    }
    for (Hazard h : hazards()) {
      if (h.needsConsent() && !allowed.contains(h.id())) {
        out.add(h.id());
      }
    }
    return out;
  }

  /**
   * The SQL script: {@code header} lines as comments, then each section with a comment per statement
   * (its reason and hazards) and the statement; notes are commented out.
   */
  public String render(List<String> header) {
    StringBuilder sb = new StringBuilder();
    header.forEach(h -> sb.append("-- ").append(h).append('\n'));
    List<Hazard> all = hazards();
    if (!all.isEmpty()) {
      sb.append("-- hazards:\n");
      new LinkedHashSet<>(all).forEach(h -> sb.append("--   ").append(h.kind().label()).append(' ').append(h.id())
          .append(h.needsConsent() ? " (needs " + Option.ALLOW_HAZARDS.mention() + ")" : "").append(": ").append(h.detail()).append('\n'));
    }
    if (!remarks.isEmpty()) {
      sb.append("-- left as it is:\n");
      remarks.forEach(r -> sb.append("--   ").append(oneLine(r)).append('\n'));
    }
    if (isEmpty()) {
      sb.append(remarks.isEmpty() ? "-- no differences\n" : "-- no other differences\n");
    }
    for (Section s : sections) {
      if (s.changes().isEmpty()) {
        continue;
      }
      sb.append("\n-- ==== ").append(s.title()).append(" ====\n");
      for (Change c : s.changes()) {
        sb.append("-- ").append(oneLine(c.reason()));
        if (!c.hazards().isEmpty()) {
          sb.append(" [").append(String.join(", ", c.hazards().stream().map(h -> h.kind().label()).distinct().toList())).append(']');
        }
        sb.append('\n');
        if (c.note()) {
          c.sql().lines().forEach(l -> sb.append("-- ").append(l).append('\n'));
          sb.setLength(sb.length() - 1);
          sb.append(";\n");
        } else {
          sb.append(c.sql()).append(";\n");
        }
      }
    }
    return sb.toString();
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }
}
