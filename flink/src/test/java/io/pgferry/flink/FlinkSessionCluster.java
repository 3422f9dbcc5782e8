package io.pgferry.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Flink session cluster of one job manager and N task managers, each a JVM process of its own on this machine,
 * started from the jars the build copies out of Maven Central ({@code target/cluster-lib}), as Flink's own scripts
 * start them: the memory flags from Flink's {@code
 * BashJavaUtils}, the JDK's packages opened as Flink's default configuration opens them.
 */
final class FlinkSessionCluster implements AutoCloseable {
  private static final List<String> OPENS = List.of("--add-exports=java.base/sun.net.util=ALL-UNNAMED",
      "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED", "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  private final Path dir;
  private final String classPath;
  private final int restPort;
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private FlinkSessionCluster(Path dir, String classPath, int restPort) {
    this.dir = dir;
    this.classPath = classPath;
    this.restPort = restPort;
  }

  /** Starts the job manager and {@code taskManagers} task managers of {@code slots} slots each; waits until all are registered. */
  static FlinkSessionCluster start(Path target, Path dir, int taskManagers, int slots) throws Exception {
    List<String> jars = new ArrayList<>();
    for (Path lib : List.of(target.resolve("cluster-lib"))) {
      try (Stream<Path> files = Files.list(lib)) {
        files.filter(f -> f.toString().endsWith(".jar") && !f.getFileName().toString().startsWith("pgferry-")).sorted()
            .forEach(f -> jars.add(f.toString()));
      }
    }
    int rest = freePort();
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf").resolve("config.yaml"), String.join("\n",
        "jobmanager.rpc.address: localhost", "jobmanager.rpc.port: " + freePort(), "jobmanager.bind-host: localhost",
        "rest.address: localhost", "rest.bind-address: localhost", "rest.port: " + rest,
        "taskmanager.host: localhost", "taskmanager.bind-host: localhost", "taskmanager.numberOfTaskSlots: " + slots,
        "jobmanager.memory.process.size: 768m", "taskmanager.memory.process.size: 1024m", "taskmanager.memory.managed.size: 64m",
        // a task manager killed is noticed within seconds (defaults: 10 s beats, 50 s timeout)
        "heartbeat.interval: 1000", "heartbeat.timeout: 5000", ""));
    Files.writeString(dir.resolve("conf").resolve("log4j.properties"), String.join("\n", "rootLogger.level = INFO",
        "rootLogger.appenderRef.file.ref = file", "appender.file.type = File", "appender.file.name = file",
        "appender.file.fileName = ${sys:log.file}", "appender.file.layout.type = PatternLayout",
        "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} %m%n", "logger.pekko.name = org.apache.pekko",
        "logger.pekko.level = WARN", ""));
    FlinkSessionCluster c = new FlinkSessionCluster(dir, String.join(java.io.File.pathSeparator, jars), rest);
    try {
      c.launch("jobmanager", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", "GET_JM_RESOURCE_PARAMS", List.of());
      for (int i = 1; i <= taskManagers; i++) {
        c.launch("taskmanager-" + i, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "GET_TM_RESOURCE_PARAMS",
            List.of("-D", "taskmanager.resource-id=taskmanager-" + i));
      }
      c.awaitTaskManagers(taskManagers, Duration.ofSeconds(120));
      return c;
    } catch (Exception | Error e) {
      c.close();
      throw e;
    }
  }

  /** {@code localhost:port}: the REST endpoint a client submits to. */
  String address() {
    return "localhost:" + restPort;
  }

  private void launch(String name, String main, String resources, List<String> extra) throws Exception {
    String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Process bju = new ProcessBuilder(java, "-cp", classPath, "org.apache.flink.runtime.util.bash.BashJavaUtils", resources,
        "--configDir", dir.resolve("conf").toString()).redirectErrorStream(true).start();
    List<String> results = new String(bju.getInputStream().readAllBytes()).lines().filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
        .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length())).toList();
    bju.waitFor();
    if (results.isEmpty()) {
      throw new IllegalStateException("Flink's BashJavaUtils gave no " + resources);
    }
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(List.of(results.get(0).strip().split("\\s+")));
    command.addAll(OPENS);
    command.addAll(List.of("-Dlog.file=" + dir.resolve(name + ".log"), "-Dlog4j.configurationFile=" + dir.resolve("conf/log4j.properties").toUri(),
        "-cp", classPath, main, "--configDir", dir.resolve("conf").toString()));
    if (results.size() > 1 && !results.get(1).isBlank()) {
      command.addAll(List.of(results.get(1).strip().split("\\s+")));
    }
    command.addAll(extra);
    processes.put(name, new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile()).start());
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(r.body());
  }

  private void awaitTaskManagers(int n, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Map.Entry<String, Process> p : processes.entrySet()) {
        if (!p.getValue().isAlive()) {
          throw new IllegalStateException(p.getKey() + " ended: " + Files.readString(dir.resolve(p.getKey() + ".out")));
        }
      }
      try {
        if (get("/taskmanagers").path("taskmanagers").size() >= n) {
          return;
        }
      } catch (IOException notYet) {
        // the job manager's REST endpoint is not up yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the session cluster did not register " + n + " task managers in " + timeout);
  }

  /** The task managers with a slot in use, by the resource id each was started with. */
  List<String> busyTaskManagers() throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode tm : get("/taskmanagers").path("taskmanagers")) {
      if (tm.path("freeSlots").asInt() < tm.path("slotsNumber").asInt()) {
        out.add(tm.path("id").asText());
      }
    }
    return out;
  }

  /** The names of the cluster's jobs and of their operators, as its web UI shows them. */
  List<String> jobAndOperatorNames() throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode job : get("/jobs/overview").path("jobs")) {
      out.add(job.path("name").asText());
      for (JsonNode v : get("/jobs/" + job.path("jid").asText()).path("vertices")) {
        out.add(v.path("name").asText());
      }
    }
    return out;
  }

  /** The page the web UI serves at the REST port's root. */
  String webUi() throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + "/")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  /** {@code kill -9} of one task manager. */
  void kill(String name) {
    Process p = processes.get(name);
    p.destroyForcibly();
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean alive(String name) {
    return processes.get(name).isAlive();
  }

  /** What a process wrote, for a failing test's message. */
  String log(String name) {
    try {
      return Files.readString(dir.resolve(name + ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (Process p : processes.values()) {
      p.destroy();
    }
    for (Process p : processes.values()) {
      try {
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
