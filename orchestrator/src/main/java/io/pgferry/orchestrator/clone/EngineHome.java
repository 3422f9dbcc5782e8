package io.pgferry.orchestrator.clone;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where load engines other than the local one are found. An engine such as Flink brings a hundred megabytes of jars
 * that a plain pgferry never loads: it is not on pgferry's class path but in a directory of its own, opened in a class
 * loader of its own only when a clone asks for that engine. The directory is {@code PGFERRY_<NAME>_HOME} when set,
 * else {@code <name>/target/engine} of the source tree pgferry runs from (what {@code ./mvnw package} builds).
 */
final class EngineHome {
  private EngineHome() {}

  private static final String[] ENGINES = {"flink"};

  /** This class's own loader first (an engine on the class path, as in its own tests), then each installed engine's. */
  static List<ClassLoader> loaders() {
    List<ClassLoader> out = new ArrayList<>();
    out.add(EngineHome.class.getClassLoader());
    for (String name : ENGINES) {
      Path dir = directory(name);
      if (dir == null || !Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        List<URL> jars = new ArrayList<>();
        for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
          jars.add(jar.toUri().toURL());
        }
        if (!jars.isEmpty()) {
          out.add(new URLClassLoader("pgferry-" + name, jars.toArray(URL[]::new), EngineHome.class.getClassLoader()));
        }
      } catch (IOException e) {
        // an unreadable directory is an engine not installed; the message says where it was looked for
      }
    }
    return out;
  }

  static String howToInstall(String name) {
    Path dir = directory(name);
    return "build it with ./mvnw -q -pl " + name + " -am package -DskipTests" + (dir == null ? "" : " (into " + dir + ")")
        + ", or set " + variable(name) + " to the directory of its jars";
  }

  private static String variable(String name) {
    return "PGFERRY_" + name.toUpperCase(Locale.ROOT) + "_HOME";
  }

  /** The engine's directory, or null when neither the variable nor a source tree names one. */
  static Path directory(String name) {
    String set = System.getenv(variable(name));
    if (set == null) {
      set = System.getProperty("pgferry." + name + ".home");
    }
    if (set != null && !set.isBlank()) {
      return Path.of(set);
    }
    try {
      // .../cli/target/pgferry.jar, or .../orchestrator/target/classes: the tree is two levels up
      Path code = Path.of(EngineHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path tree = code.getParent() == null ? null : code.getParent().getParent();
      return tree == null || tree.getParent() == null ? null : tree.getParent().resolve(name).resolve("target").resolve("engine");
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
