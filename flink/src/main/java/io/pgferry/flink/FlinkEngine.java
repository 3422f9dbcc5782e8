package io.pgferry.flink;

import io.pgferry.extractor.PgferryException;
import io.pgferry.loader.PieceResult;
import io.pgferry.orchestrator.clone.LoadEngine;
import io.pgferry.orchestrator.clone.LoadJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * {@code engine: flink}: the clone's load phase as a Flink job of one bounded source whose splits are the clone's
 * pieces ({@link PieceSource}). On a mini cluster inside this process when the job has no address, else submitted to
 * the session cluster whose REST endpoint is the address, with {@code pgferry-flink-job.jar} (pgferry and its
 * libraries) as the job's code. Flink restarts a failed reader (or the readers of a lost task manager) up to
 * {@link #RESTARTS} times; what it hands out again is copied once, by the clone's record.
 */
public final class FlinkEngine implements LoadEngine {
  /** Restarts of the job after a reader or a task manager fails, 2 s apart. */
  static final int RESTARTS = 5;

  @Override
  public String name() {
    return "flink";
  }

  @Override
  public void run(LoadJob job, Consumer<PieceResult> committed) {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(FlinkEngine.class.getClassLoader()); // the engine's own loader holds Flink
    JobClient client = null;
    try {
      StreamExecutionEnvironment env = environment(job);
      DataStream<PieceDone> done = env.fromSource(new PieceSource(job), WatermarkStrategy.noWatermarks(),
          "pgferry copy: " + job.pieces().size() + " pieces, COPY source to target").setParallelism(job.parallelism());
      CloseableIterator<PieceDone> results = done.collectAsync();
      client = env.executeAsync(job.describe());
      // Flink's result iterator waits in ways that swallow an interrupt: it is read on a thread of its own, and this
      // one waits for it, so that a cancel (Ctrl-C, the wizard) reaches the job
      CompletableFuture<Void> reading = new CompletableFuture<>();
      Thread reader = new Thread(() -> {
        try (results) {
          while (results.hasNext()) {
            committed.accept(results.next().result());
          }
          reading.complete(null);
        } catch (Throwable t) {
          reading.completeExceptionally(t);
        }
      }, "pgferry-flink-results");
      reader.setDaemon(true);
      reader.setContextClassLoader(FlinkEngine.class.getClassLoader());
      reader.start();
      try {
        reading.get();
        client.getJobExecutionResult().get();
      } catch (InterruptedException e) {
        cancel(client);
        reader.interrupt();
        thread.interrupt();
        throw new PgferryException(PgferryException.Code.INTERRUPTED, "the load was interrupted; the Flink job was cancelled", e);
      }
    } catch (ExecutionException | RuntimeException e) {
      if (e instanceof PgferryException p) {
        throw p;
      }
      if (thread.isInterrupted()) {
        cancel(client);
        throw new PgferryException(PgferryException.Code.INTERRUPTED, "the load was interrupted; the Flink job was cancelled", e);
      }
      throw new PgferryException(PgferryException.Code.LOAD, "the Flink job of the load failed: " + cause(job, client, e), e);
    } catch (Exception e) {
      throw new PgferryException(PgferryException.Code.LOAD, "the Flink job of the load failed: " + rootMessage(e), e);
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  private static StreamExecutionEnvironment environment(LoadJob job) {
    Map<String, String> c = new HashMap<>();
    c.put("restart-strategy.type", "fixed-delay");
    c.put("restart-strategy.fixed-delay.attempts", String.valueOf(RESTARTS));
    c.put("restart-strategy.fixed-delay.delay", "2 s");
    // results reach this process as checkpoints complete, and a restart goes on from the last one
    c.put("execution.checkpointing.interval", "1000 ms");
    c.put("pipeline.name", job.describe());
    StreamExecutionEnvironment env;
    if (job.address() == null) {
      c.put("taskmanager.numberOfTaskSlots", String.valueOf(job.parallelism()));
      // A job without jars or class path runs in the JVM's system class loader, which cannot see Flink nor this engine
      // when pgferry loaded them in a class loader of their own (EngineHome): an empty class path entry makes Flink
      // give the job a class loader whose parent is Flink's own.
      c.put("pipeline.classpaths", emptyClassPath());
      env = StreamExecutionEnvironment.createLocalEnvironment(job.parallelism(), Configuration.fromMap(c));
    } else {
      String[] hostPort = address(job.address());
      env = StreamExecutionEnvironment.createRemoteEnvironment(hostPort[0], Integer.parseInt(hostPort[1]), Configuration.fromMap(c),
          jobJar().toString());
      env.setParallelism(job.parallelism());
    }
    return env;
  }

  private static String emptyClassPath() {
    try {
      Path dir = Files.createTempDirectory("pgferry-flink-job");
      dir.toFile().deleteOnExit();
      return dir.toUri().toURL().toString();
    } catch (java.io.IOException e) {
      throw new PgferryException(PgferryException.Code.CONFIG, "cannot create a temporary directory for the Flink job: " + e.getMessage(), e);
    }
  }

  private static String[] address(String address) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || !address.substring(colon + 1).matches("[0-9]{1,5}")) {
      throw new PgferryException(PgferryException.Code.CONFIG, "a Flink address is host:port (the session cluster's REST"
          + " endpoint, port 8081 by default), got '" + address + "'");
    }
    return new String[] {address.substring(0, colon), address.substring(colon + 1)};
  }

  /**
   * The code a session cluster runs: {@code pgferry-flink-job.jar}, beside this module's classes or jar in the build
   * ({@code flink/target}), or where {@code pgferry.flink.jobJar} says.
   */
  static Path jobJar() {
    String set = System.getProperty("pgferry.flink.jobJar");
    Path jar;
    if (set != null) {
      jar = Path.of(set);
    } else {
      try {
        Path code = Path.of(FlinkEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // target/classes (a build) or target/engine/pgferry-flink-…-engine.jar (an installed engine)
        Path target = Files.isDirectory(code) ? code.getParent() : code.getParent().getParent();
        jar = target.resolve("pgferry-flink-job.jar");
      } catch (java.net.URISyntaxException | RuntimeException e) {
        throw new PgferryException(PgferryException.Code.CONFIG, "cannot tell where pgferry-flink-job.jar is; set pgferry.flink.jobJar", e);
      }
    }
    if (!Files.isRegularFile(jar)) {
      throw new PgferryException(PgferryException.Code.CONFIG, "a Flink session cluster runs the job's code from " + jar
          + ", which does not exist: build it with ./mvnw -q -pl flink -am package -DskipTests");
    }
    return jar;
  }

  private static void cancel(JobClient client) {
    if (client != null) {
      try {
        client.cancel().get();
      } catch (Exception e) {
        // the job ends with the process anyway (mini cluster), or fails on its own when its snapshot goes
      }
    }
  }

  /**
   * Why the job failed. A session cluster's answer carries the cause as a serialized exception that Flink's client
   * reads with the JVM's system class loader, which cannot see Flink when pgferry loaded it in a class loader of its
   * own ("Failed to fetch job execution result"): then the job manager's REST API is asked for the job's exceptions,
   * and the first of pgferry's own is the answer.
   */
  static String cause(LoadJob job, JobClient client, Throwable e) {
    if (job.address() != null && client != null) {
      try {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://" + job.address() + "/jobs/" + client.getJobID() + "/exceptions")).timeout(java.time.Duration.ofSeconds(10))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        // the latest failure first: the one after which Flink gave up
        String trace = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("exceptionHistory").path("entries")
            .path(0).path("stacktrace").asText("");
        String first = null;
        for (String line : trace.lines().toList()) {
          String l = line.strip().replaceFirst("^Caused by: ", "");
          if (l.startsWith("io.pgferry.") && l.contains(": ")) {
            first = l.substring(l.indexOf(": ") + 2);
            break;
          }
          if (first == null && !l.startsWith("at ") && !l.startsWith("...") && !l.isEmpty()) {
            first = l;
          }
        }
        if (first != null) {
          return first;
        }
      } catch (java.io.IOException | RuntimeException asked) {
        e.addSuppressed(asked);
      } catch (InterruptedException asked) {
        Thread.currentThread().interrupt();
      }
    }
    return rootMessage(e);
  }

  /** The first error, not Flink's wrappers around it ("Job execution failed", "Recovery is suppressed"). */
  static String rootMessage(Throwable e) {
    Throwable t = e;
    String best = e.getMessage();
    while (t != null) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        best = t.getMessage();
      }
      if (t.getClass().getName().startsWith("io.pgferry.")) {
        return t.getMessage();
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return best;
  }
}
