package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line owns every flag name: the library modules never write one, and each option they name has a flag. */
class CliOwnsFlagsTest {
  private static final List<String> LIBRARY_MODULES = List.of("extractor", "schemadiff", "applier", "loader", "anonymizer", "orchestrator");
  /** A Java string literal, escapes included; text blocks are not used for messages. */
  private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
  /** A flag inside a literal: two dashes and a letter at the start or after a space, parenthesis or slash. */
  private static final Pattern FLAG = Pattern.compile("(?:^|[\\s(/\\[])--[a-z]");
  /**
   * Literals that look like a flag but are not one, as {@code path: literal}. Empty: a markdown anchor such as
   * {@code sync.md#config-file---config-file} (PipelineKey) has three dashes after a letter, so it never matches.
   */
  private static final Set<String> ALLOWED = Set.of();

  @Test
  void librarySources_containNoFlagLiteral() throws IOException {
    List<String> found = new ArrayList<>();
    for (String module : LIBRARY_MODULES) {
      Path root = Path.of("..", module, "src", "main", "java");
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          List<String> lines = Files.readAllLines(f);
          for (int i = 0; i < lines.size(); i++) {
            Matcher m = STRING_LITERAL.matcher(lines.get(i));
            while (m.find()) {
              String literal = m.group();
              String where = root.relativize(f) + ": " + literal;
              if (FLAG.matcher(literal.substring(1, literal.length() - 1)).find() && !ALLOWED.contains(where)) {
                found.add(module + "/src/main/java/" + root.relativize(f) + ":" + (i + 1) + ": " + literal);
              }
            }
          }
        }
      }
    }
    assertThat(found).as("command-line flags in library sources (name the option with Option.mention instead)").isEmpty();
  }

  @Test
  void flags_coverEveryLibraryOptionWithAFlagSomeCommandAccepts() {
    assertThat(Flags.FLAGS.keySet()).containsExactlyInAnyOrder(Option.values());
    Set<String> accepted = new HashSet<>();
    Context ctx = new Context(java.util.Map.of(), Path.of("."), System.out, System.err);
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        for (var c : cls.getDeclaredConstructors()) {
          if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Context.class) {
            c.setAccessible(true);
            return cls.cast(c.newInstance(ctx));
          }
        }
        return CommandLine.defaultFactory().create(cls);
      }
    };
    for (Class<?> c : Main.COMMANDS.values()) {
      new CommandLine(c, factory).getCommandSpec().options().forEach(o -> accepted.addAll(List.of(o.names())));
    }
    assertThat(Flags.FLAGS.values()).allSatisfy(f -> assertThat(accepted).as("flag of some command").contains(f.name()));
  }

  @Test
  void render_libraryMention_becomesTheFlag() {
    assertThat(Flags.render("Pass " + Option.ALLOW_UNCOVERED.mention("true") + " to clone without them"))
        .isEqualTo("Pass --allow-uncovered to clone without them");
    assertThat(Flags.render("dropped (" + Option.PRESERVE.mention("NONE") + ")")).isEqualTo("dropped (--preserve none)");
    assertThat(Flags.render("with " + Option.SEAL.mention("SINGLE_TRANSACTION") + ",")).isEqualTo("with --seal single-transaction,");
    assertThat(Flags.render("rerun with " + Option.ALLOW_HAZARDS.mention("app.t:drop-table,app.u:type-change")))
        .isEqualTo("rerun with --allow-hazards app.t:drop-table,app.u:type-change");
    assertThat(Flags.render("or " + Option.SCHEMA_MAP.mention() + " to")).isEqualTo("or --schema-map to");
    assertThat(Flags.render("a `backtick` that names no option")).isEqualTo("a `backtick` that names no option");
    assertThat(Flags.render(Option.DELETE.mention("true") + " twice: " + Option.DELETE.mention("true") + ", once "
        + Option.DRY_RUN.mention("true"))).isEqualTo("--delete twice: --delete, once --dry-run");
  }

  @Test
  void render_missingRoles_namesThePrivilegesAndOwnerFlags() {
    assertThat(Flags.render(io.pgferry.extractor.Roles.missingMessage(List.of("nobody"))))
        .endsWith("or clone without --privileges/--owner");
  }

  @Test
  void libraryMention_namesTheLibraryOptionAndPipelineKey() {
    assertThat(Option.SCHEMA_MAP.mention()).isEqualTo("`schemaMap` (pipeline key `schema_map`)");
    assertThat(Option.ALLOW_UNCOVERED.mention("true")).isEqualTo("`allowUncovered=true`");
    assertThat(Option.mentionedIn("use " + Option.TARGET_SCHEMA.mention() + " or " + Option.KEYLESS.mention("SKIP")))
        .containsExactly(Option.TARGET_SCHEMA, Option.KEYLESS);
  }
}
