package io.pgferry.orchestrator.clone;

import io.pgferry.extractor.PgferryException;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a clone uses the target server; none of it changes what ends up in the target.
 *
 * @param seal {@link SealMode#PARALLEL} (default) or the old single transaction
 * @param maintenanceWorkMem {@code maintenance_work_mem} of the seal's connections (memory per index
 *     build), e.g. {@code 512MB}; null keeps the server's setting
 * @param parallelMaintenanceWorkers {@code max_parallel_maintenance_workers} of the seal's connections;
 *     null keeps the server's setting
 * @param chunkBytes tables larger than this (estimated) are copied as several page ranges at once; 0 turns
 *     splitting off
 * @param binary binary COPY for tables whose column types all allow it (others, and transformed tables,
 *     use text)
 * @param freeze {@code TRUNCATE} + {@code COPY … FREEZE} for tables copied whole, when this run created them
 * @param ginMaintenanceWorkMem {@code maintenance_work_mem} of GIN index builds only; null uses
 *     {@code maintenanceWorkMem} for them too
 */
public record CloneTuning(SealMode seal, String maintenanceWorkMem, Integer parallelMaintenanceWorkers, long chunkBytes,
    boolean binary, boolean freeze, String ginMaintenanceWorkMem) {

  /** How the seal phase runs. */
  public enum SealMode {
    /** Index builds on {@code jobs} connections, overlapping the load; foreign keys validated in parallel. */
    PARALLEL,
    /** Everything in one transaction after the load, on one connection. */
    SINGLE_TRANSACTION;

    /** The spelling on the command line. */
    public String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static SealMode parse(String s) {
      for (SealMode m : values()) {
        if (m.key().equalsIgnoreCase(s.strip())) {
          return m;
        }
      }
      throw new PgferryException(PgferryException.Code.USAGE, io.pgferry.extractor.Option.SEAL.mention() + " must be parallel or single-transaction, got '" + s + "'");
    }
  }

  public static final String DEFAULT_MAINTENANCE_WORK_MEM = "512MB";
  /**
   * A GIN build collects its keys in an in-memory tree of up to {@code maintenance_work_mem} and writes them
   * out whenever it is full. A tree that fits in the CPU's caches is faster to fill than one large tree written
   * once: on the benchmark's jsonb_path_ops index (1,000,000 documents) 8–16MB took 6.1–7.7 s, 64MB 8.3–9.5 s
   * and 512MB 9.2–12.7 s (PostgreSQL 15, 2 MB L2 per core). Btree builds sort, and prefer more memory.
   */
  public static final String DEFAULT_GIN_MAINTENANCE_WORK_MEM = "16MB";
  public static final long DEFAULT_CHUNK_BYTES = 64L * 1024 * 1024;
  private static final Pattern MEMORY = Pattern.compile("^([0-9]{1,10})\\s*(kB|MB|GB)?$");
  /** PostgreSQL's range of maintenance_work_mem, in kB: 1MB to 2TB less 1kB (an int of kB). */
  private static final long MIN_MEMORY_KB = 1024;
  private static final long MAX_MEMORY_KB = Integer.MAX_VALUE;

  public CloneTuning {
    if (seal == null) {
      seal = SealMode.PARALLEL;
    }
    checkMemory(io.pgferry.extractor.Option.MAINTENANCE_WORK_MEM.mention(), maintenanceWorkMem, "512MB", "server");
    checkMemory(io.pgferry.extractor.Option.GIN_MAINTENANCE_WORK_MEM.mention(), ginMaintenanceWorkMem, "16MB", "same");
    if (parallelMaintenanceWorkers != null && (parallelMaintenanceWorkers < 0 || parallelMaintenanceWorkers > 1024)) {
      throw new PgferryException(PgferryException.Code.USAGE, io.pgferry.extractor.Option.PARALLEL_MAINTENANCE_WORKERS.mention() + " must be between 0 and 1024, got "
          + parallelMaintenanceWorkers);
    }
    if (chunkBytes < 0) {
      throw new PgferryException(PgferryException.Code.USAGE, "the chunk size cannot be negative");
    }
  }

  /** The tuning a clone gets when nothing is set (see {@link Builder}). */
  public static CloneTuning defaults() {
    return builder().build();
  }

  /** Tuning built step by step; everything has a default (see {@link Builder}). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this tuning, to change some of it. */
  public Builder toBuilder() {
    return new Builder().seal(seal).maintenanceWorkMem(maintenanceWorkMem).parallelMaintenanceWorkers(parallelMaintenanceWorkers)
        .chunkBytes(chunkBytes).binary(binary).freeze(freeze).ginMaintenanceWorkMem(ginMaintenanceWorkMem);
  }

  /**
   * Builds {@link CloneTuning}. Defaults: the {@link SealMode#PARALLEL} seal, {@link #DEFAULT_MAINTENANCE_WORK_MEM}
   * of {@code maintenance_work_mem}, the server's {@code max_parallel_maintenance_workers}, tables split into
   * {@link #DEFAULT_CHUNK_BYTES} page ranges, binary COPY where the types allow it, no {@code FREEZE},
   * {@link #DEFAULT_GIN_MAINTENANCE_WORK_MEM} for GIN builds. Not thread-safe; a builder may be reused.
   */
  public static final class Builder {
    private SealMode seal = SealMode.PARALLEL;
    private String maintenanceWorkMem = DEFAULT_MAINTENANCE_WORK_MEM;
    private Integer parallelMaintenanceWorkers;
    private long chunkBytes = DEFAULT_CHUNK_BYTES;
    private boolean binary = true;
    private boolean freeze;
    private String ginMaintenanceWorkMem = DEFAULT_GIN_MAINTENANCE_WORK_MEM;

    private Builder() {}

    /** How the seal phase runs; null: {@link SealMode#PARALLEL}. */
    public Builder seal(SealMode seal) {
      this.seal = seal;
      return this;
    }

    /** {@code maintenance_work_mem} of the seal's connections, e.g. {@code 512MB}; null: the server's. */
    public Builder maintenanceWorkMem(String maintenanceWorkMem) {
      this.maintenanceWorkMem = maintenanceWorkMem;
      return this;
    }

    /** {@code max_parallel_maintenance_workers} of the seal's connections, 0 to 1024; null: the server's. */
    public Builder parallelMaintenanceWorkers(Integer parallelMaintenanceWorkers) {
      this.parallelMaintenanceWorkers = parallelMaintenanceWorkers;
      return this;
    }

    /** Tables larger than this (estimated) are copied as several page ranges at once; 0: no splitting. */
    public Builder chunkBytes(long chunkBytes) {
      this.chunkBytes = chunkBytes;
      return this;
    }

    /** Binary COPY for tables whose column types all allow it. */
    public Builder binary(boolean binary) {
      this.binary = binary;
      return this;
    }

    /** {@code TRUNCATE} + {@code COPY … FREEZE} for tables copied whole, when this run created them. */
    public Builder freeze(boolean freeze) {
      this.freeze = freeze;
      return this;
    }

    /** {@code maintenance_work_mem} of GIN index builds only; null: {@code maintenanceWorkMem} for them too. */
    public Builder ginMaintenanceWorkMem(String ginMaintenanceWorkMem) {
      this.ginMaintenanceWorkMem = ginMaintenanceWorkMem;
      return this;
    }

    public CloneTuning build() {
      return new CloneTuning(seal, maintenanceWorkMem, parallelMaintenanceWorkers, chunkBytes, binary, freeze, ginMaintenanceWorkMem);
    }
  }

  /** Settings of every seal connection, name to value. */
  Map<String, String> sealSettings() {
    Map<String, String> out = new LinkedHashMap<>();
    // A commit lost in a server crash loses its statement's mark with it (same transaction): a resume redoes both.
    out.put("synchronous_commit", "off");
    if (maintenanceWorkMem != null) {
      out.put("maintenance_work_mem", maintenanceWorkMem.strip().replace(" ", ""));
    }
    if (parallelMaintenanceWorkers != null) {
      out.put("max_parallel_maintenance_workers", Integer.toString(parallelMaintenanceWorkers));
    }
    return out;
  }

  /**
   * The {@code maintenance_work_mem} a build of {@code sql} wants when it differs from the session's
   * ({@link #sealSettings()}), else null.
   */
  String buildMemory(String sql) {
    if (ginMaintenanceWorkMem == null || !isGinBuild(sql)) {
      return null;
    }
    String gin = ginMaintenanceWorkMem.strip().replace(" ", "");
    return maintenanceWorkMem != null && gin.equals(maintenanceWorkMem.strip().replace(" ", "")) ? null : gin;
  }

  /** What a seal statement runs with besides {@link #sealSettings()}: a GIN build its own maintenance_work_mem. */
  Map<String, String> statementSettings(io.pgferry.extractor.SqlStatement st) {
    String memory = buildMemory(st.sql());
    return memory == null ? Map.of() : Map.of("maintenance_work_mem", memory);
  }

  /** The session's own value, to go back to after a build with {@link #buildMemory}; null: the server's. */
  String sessionMemory() {
    return maintenanceWorkMem == null ? null : maintenanceWorkMem.strip().replace(" ", "");
  }

  // pg_get_indexdef spells the access method as "USING gin (" right after the table name.
  private static final Pattern GIN_BUILD = Pattern.compile("^CREATE (UNIQUE )?INDEX .* USING gin \\(", Pattern.DOTALL);

  static boolean isGinBuild(String sql) {
    return GIN_BUILD.matcher(sql).find();
  }

  /**
   * A memory setting the server accepts (checked here, before the load, so a bad value cannot fail the seal
   * after everything was copied); null means the flag's other choice ({@code server} or {@code same}).
   */
  private static void checkMemory(String option, String value, String example, String otherChoice) {
    if (value == null) {
      return;
    }
    java.util.regex.Matcher m = MEMORY.matcher(value.strip());
    long kb = -1;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      kb = m.group(2) == null || m.group(2).equals("kB") ? n : m.group(2).equals("MB") ? n * 1024 : n * 1024 * 1024;
    }
    if (kb < MIN_MEMORY_KB || kb > MAX_MEMORY_KB) {
      throw new PgferryException(PgferryException.Code.USAGE, option + " must be a size from 1MB to 2TB such as " + example
          + ", 1GB or 65536kB, or '" + otherChoice + "'; got '" + value + "'");
    }
  }
}
