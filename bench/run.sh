#!/usr/bin/env bash
# pgferry benchmark: clones one source database with pgferry and its peers, alternating tools
# round-robin, verifies every clone, and reports median wall time, MB/s, CPU utilisation and peak RSS.
# See bench/README.md.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
OUT_DIR="$BENCH_DIR/out"

ALL_TOOLS="pgdump_dir,pgdump_pipe,pgcopydb,pgferry,pgferry_flink"
SCALE=1
JOBS=2
RUNS=3
TOOLS=$ALL_TOOLS
PORT=5432
TIMEOUT=3600
REBUILD=""
NO_INSTALL=""
TRANSFORM=""

usage() {
  cat <<EOF
usage: bench/run.sh [options]
  --scale K        dataset size multiplier (default 1 = about 0.8 GB; fractions such as 0.05 work)
  --jobs N         parallel jobs given to every tool (default 2)
  --runs R         rounds; each round runs every tool once, in rotating order (default 3)
  --tools LIST     comma-separated subset of: $ALL_TOOLS (default: all)
  --port P         port of the local cluster to use (default 5432)
  --timeout S      a run taking longer than S seconds is stopped and marked FAILED (default 3600)
  --rebuild        rebuild the source database even when the cached one matches
  --no-install     do not try to apt-get install pgcopydb when it is missing
  --transform      also run pgferry with bench/transform.yaml (transformers on 5 columns of the wide
                   table) and report its throughput relative to the plain pgferry clone
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --tools) TOOLS=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --rebuild) REBUILD=yes; shift ;;
    --no-install) NO_INSTALL=yes; shift ;;
    --transform) TRANSFORM=yes; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

[[ "$SCALE" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "bench: --scale must be a positive number" >&2; exit 2; }
[[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || { echo "bench: --jobs must be a positive integer" >&2; exit 2; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "bench: --runs must be a positive integer" >&2; exit 2; }
IFS=',' read -r -a TOOL_LIST <<<"$TOOLS"
if [ -n "$TRANSFORM" ]; then
  [ -f "$ROOT/docs/pipeline.md" ] || { echo "bench: --transform needs pgferry pipelines (docs/pipeline.md), not in this checkout" >&2; exit 2; }
  case ",$TOOLS," in *",pgferry,"*) ;; *) TOOLS="$TOOLS,pgferry"; TOOL_LIST+=(pgferry) ;; esac
  TOOLS="$TOOLS,pgferry_transform"; TOOL_LIST+=(pgferry_transform)
fi
for t in "${TOOL_LIST[@]}"; do
  case ",$ALL_TOOLS,pgferry_transform," in *",$t,"*) ;; *) echo "bench: unknown tool '$t' (known: $ALL_TOOLS)" >&2; exit 2 ;; esac
done

log() { printf '%s\n' "$*" >&2; }
die() { log "bench: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# PostgreSQL cluster: install pgcopydb if asked for, pick the cluster, start it, trust 127.0.0.1
# ---------------------------------------------------------------------------------------------
PGCOPYDB_SKIP=""
want_tool() { case ",$TOOLS," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

if want_tool pgcopydb && ! command -v pgcopydb >/dev/null 2>&1; then
  if [ -z "$NO_INSTALL" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "bench: pgcopydb missing; installing it with apt-get (this may upgrade PostgreSQL packages)"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y pgcopydb >"$BENCH_DIR/.apt-pgcopydb.log" 2>&1; then
      (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y pgcopydb) \
        >>"$BENCH_DIR/.apt-pgcopydb.log" 2>&1 || true
    fi
  fi
  if ! command -v pgcopydb >/dev/null 2>&1; then
    PGCOPYDB_SKIP="pgcopydb is not installed and could not be installed (apt-get install -y pgcopydb); skipped"
  fi
  rm -f "$BENCH_DIR/.apt-pgcopydb.log"
fi

command -v pg_lsclusters >/dev/null || die "pg_lsclusters not found: the Debian PostgreSQL server packages are needed"

# The cluster on $PORT; when an upgrade left several, the highest version on that port wins.
read -r PG_VER PG_CLUSTER PG_STATUS < <(pg_lsclusters -h | awk -v p="$PORT" '$3 == p {print $1, $2, $4}' | sort -V | tail -n 1) || true
if [ -z "${PG_VER:-}" ]; then
  # no cluster on that port (e.g. a new major version took another port): take the newest one
  read -r PG_VER PG_CLUSTER PORT PG_STATUS < <(pg_lsclusters -h | awk '{print $1, $2, $3, $4}' | sort -V | tail -n 1) || true
  [ -n "${PG_VER:-}" ] || die "no PostgreSQL cluster found (pg_lsclusters is empty)"
  log "bench: no cluster on the requested port; using $PG_VER/$PG_CLUSTER on port $PORT"
fi
PG_CONF_DIR="/etc/postgresql/$PG_VER/$PG_CLUSTER"
HBA="$PG_CONF_DIR/pg_hba.conf"

HBA_MARK="# pgferry-bench: trust local TCP for postgres"
if ! grep -qF "$HBA_MARK" "$HBA"; then
  log "bench: adding trust lines for postgres@127.0.0.1 to $HBA"
  tmp=$(mktemp)
  {
    echo "$HBA_MARK"
    echo "host    all             postgres        127.0.0.1/32            trust"
    echo "host    all             postgres        ::1/128                 trust"
    echo "# pgferry-bench: end"
    cat "$HBA"
  } >"$tmp"
  cat "$tmp" >"$HBA"
  rm -f "$tmp"
  HBA_CHANGED=yes
fi

case "$PG_STATUS" in
  online*) if [ -n "${HBA_CHANGED:-}" ]; then pg_ctlcluster --skip-systemctl-redirect "$PG_VER" "$PG_CLUSTER" reload; fi ;;
  *) log "bench: starting cluster $PG_VER/$PG_CLUSTER"
     pg_ctlcluster --skip-systemctl-redirect "$PG_VER" "$PG_CLUSTER" start ;;
esac

# Client programs: the newest installed major version (pg_dump must not be older than the server).
CLIENT_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | while read -r d; do
  [ -x "$d/pg_dump" ] && [ -x "$d/psql" ] && echo "$d"; done | tail -n 1)
[ -n "$CLIENT_BIN" ] || die "no PostgreSQL client programs under /usr/lib/postgresql/*/bin"
PGBENCH="$CLIENT_BIN/pgbench"
[ -x "$PGBENCH" ] || PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -n 1)
[ -x "$PGBENCH" ] || PGBENCH=$(command -v pgbench || true)
[ -n "$PGBENCH" ] || die "pgbench not found (Debian: postgresql-contrib / postgresql-client)"
export PATH="$CLIENT_BIN:$PATH"

export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres
unset PGPASSWORD PGDATABASE PGSERVICE PGOPTIONS 2>/dev/null || true
export PGCONNECT_TIMEOUT=10
PSQL=(psql -X -q -v ON_ERROR_STOP=1)
recreate_db() { # name [--drop-only]
  "${PSQL[@]}" -d postgres -c 'SET client_min_messages = warning' -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)"
  [ "${2:-}" = --drop-only ] || "${PSQL[@]}" -d postgres -c "CREATE DATABASE \"$1\""
}

for _ in $(seq 1 30); do
  "${PSQL[@]}" -d postgres -tAc 'select 1' >/dev/null 2>&1 && break
  sleep 1
done
"${PSQL[@]}" -d postgres -tAc 'select 1' >/dev/null || die "cannot connect as postgres to 127.0.0.1:$PORT (check $HBA)"

# Bench settings (ALTER SYSTEM is idempotent; restart only when a setting needs it).
"${PSQL[@]}" -d postgres <<'SQL' >/dev/null
ALTER SYSTEM SET shared_buffers = '2GB';
ALTER SYSTEM SET max_wal_size = '8GB';
ALTER SYSTEM SET checkpoint_timeout = '30min';
ALTER SYSTEM SET maintenance_work_mem = '512MB';
ALTER SYSTEM SET work_mem = '64MB';
ALTER SYSTEM SET max_parallel_maintenance_workers = 2;
ALTER SYSTEM SET wal_compression = 'off';
ALTER SYSTEM SET max_connections = 200;
ALTER SYSTEM SET max_locks_per_transaction = 1024;
ALTER SYSTEM SET autovacuum = 'off';
SELECT pg_reload_conf();
SQL
sleep 0.5
if [ "$("${PSQL[@]}" -d postgres -tAc 'select bool_or(pending_restart) from pg_settings')" = "t" ]; then
  log "bench: restarting cluster $PG_VER/$PG_CLUSTER to apply bench settings"
  pg_ctlcluster --skip-systemctl-redirect "$PG_VER" "$PG_CLUSTER" restart
  for _ in $(seq 1 30); do "${PSQL[@]}" -d postgres -tAc 'select 1' >/dev/null 2>&1 && break; sleep 1; done
fi
SERVER_VERSION=$("${PSQL[@]}" -d postgres -tAc 'show server_version')
DATA_DIR=$("${PSQL[@]}" -d postgres -tAc 'show data_directory')
SERVER_PID=$(head -n 1 "$DATA_DIR/postmaster.pid" 2>/dev/null || echo 0)

# ---------------------------------------------------------------------------------------------
# Source dataset (cached per scale)
# ---------------------------------------------------------------------------------------------
DATASET_VERSION="v1-$(cat "$BENCH_DIR/dataset.sql" | md5sum | cut -c1-8)"
read -r PGBENCH_SCALE WIDE_ROWS SMALL_ROWS < <(python3 - "$SCALE" <<'PY'
import sys
k = float(sys.argv[1])
print(max(1, round(20 * k)), max(1, round(1_000_000 * k)), max(1, round(500 * k)))
PY
)
SMALL_TABLES=300
SCALE_TAG=$(python3 -c "import sys; k=float(sys.argv[1]); print(('%g' % k).replace('.', '_'))" "$SCALE")
if [ "$SCALE_TAG" = "1" ]; then SRC_DB=bench_src; else SRC_DB="bench_src_s$SCALE_TAG"; fi
DST_DB=${BENCH_DST_DB:-bench_dst}  # another name lets two benches share one cluster
SRC_URL="postgresql://postgres@127.0.0.1:$PORT/$SRC_DB"
DST_URL="postgresql://postgres@127.0.0.1:$PORT/$DST_DB"

ensure_source() { # db pgbench_scale wide_rows small_rows scale_tag: builds the dataset unless cached
  local db=$1 marker t0
  marker=$("${PSQL[@]}" -d "$db" -tAc "select dataset_version || '|' || scale from bench_meta" 2>/dev/null || true)
  if [ -n "$REBUILD" ] || [ "$marker" != "$DATASET_VERSION|$5" ]; then
    log "bench: building source database $db (pgbench -s $2, $3 wide rows, $SMALL_TABLES x $4 small rows)"
    t0=$(date +%s)
    recreate_db "$db"
    "$PGBENCH" -i -q -s "$2" --foreign-keys "$db" >/dev/null 2>&1 || "$PGBENCH" -i -q -s "$2" --foreign-keys "$db"
    "${PSQL[@]}" -d "$db" -v wide_rows="$3" -v small_rows="$4" -v small_tables="$SMALL_TABLES" \
      -v dataset_version="$DATASET_VERSION" -v scale="$5" -f "$BENCH_DIR/dataset.sql" >/dev/null
    log "bench: source built in $(( $(date +%s) - t0 )) s"
  else
    log "bench: reusing cached source database $db ($DATASET_VERSION, scale tag $5)"
  fi
}
ensure_source "$SRC_DB" "$PGBENCH_SCALE" "$WIDE_ROWS" "$SMALL_ROWS" "$SCALE_TAG"
SRC_BYTES=$("${PSQL[@]}" -d postgres -tAc "select pg_database_size('$SRC_DB')")

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------
STAMP=$(date +%Y%m%d-%H%M%S)
RUN_DIR="$OUT_DIR/run-$STAMP"
WORK="$OUT_DIR/work"
mkdir -p "$RUN_DIR" "$WORK"
RUNS_JSONL="$RUN_DIR/runs.jsonl"
: >"$RUNS_JSONL"

declare -A SKIP=()
[ -n "$PGCOPYDB_SKIP" ] && SKIP[pgcopydb]=$PGCOPYDB_SKIP

PGFERRY_VERSION=""
if want_tool pgferry || want_tool pgferry_transform || want_tool pgferry_flink; then
  log "bench: building pgferry (once, before timing)"
  if PGFERRY_VERSION=$("$ROOT/pgferry" --version 2>"$RUN_DIR/pgferry-build.log" | head -n 1) && [ -n "$PGFERRY_VERSION" ]; then
    :
  else
    SKIP[pgferry]="pgferry did not build or start (see $RUN_DIR/pgferry-build.log); skipped"
    SKIP[pgferry_transform]=${SKIP[pgferry]}
  fi
fi
if want_tool pgferry_flink; then
  # the Flink engine lives beside the CLI (flink/target/engine), found by the launcher's jar when --engine flink is given
  log "bench: building pgferry's Flink engine (once, before timing)"
  if ! "$ROOT/mvnw" -q -B -f "$ROOT/pom.xml" -Dmaven.test.skip=true -pl flink -am package >"$RUN_DIR/pgferry-flink-build.log" 2>&1; then
    SKIP[pgferry_flink]="the Flink engine did not build (see $RUN_DIR/pgferry-flink-build.log); skipped"
  fi
fi

# pgferry's launcher keeps a start-up cache per command (README, "Set up and try it"): the first run of a command records
# the classes it loads and the profiles of the methods it runs, the second assembles them into the cache. A
# user's third run is the steady state (and a user who refreshes a copy of one database each night trains it on
# that database's shape). Two untimed runs of each pgferry command get the bench there, so the timed runs
# neither record nor assemble: they copy a 5 % version of the dataset (bench_src_s0_05, built once like the
# source), never the database being timed, into a scratch database; the `run` warm-up with a transformer.
if [ -z "${SKIP[pgferry]:-}" ] && { want_tool pgferry || want_tool pgferry_transform; }; then
  ensure_source bench_src_s0_05 1 50000 25 0_05
  log "bench: warming up pgferry's start-up caches (untimed runs on bench_src_s0_05)"
  WARM_SRC="postgresql://postgres@127.0.0.1:$PORT/bench_src_s0_05"
  WARM_URL="postgresql://postgres@127.0.0.1:$PORT/bench_warmup"
  cat >"$RUN_DIR/warmup.yaml" <<YAML
source: \${BENCH_SOURCE_URL}
target: \${BENCH_TARGET_URL}
jobs: $JOBS
salt: warm-up
transforms:
  public.bench_wide.tags: { type: fake, kind: first_name }
  public.bench_wide.addr: { type: fake, kind: ipv4 }
YAML
  for w in 1 2; do
    for cmd in clone run; do
      [ "$cmd" = run ] && ! want_tool pgferry_transform && continue
      recreate_db bench_warmup
      if [ "$cmd" = clone ]; then
        set -- "$ROOT/pgferry" clone --source "$WARM_SRC" --target "$WARM_URL" --jobs "$JOBS" --no-progress
      else
        set -- env BENCH_SOURCE_URL="$WARM_SRC" BENCH_TARGET_URL="$WARM_URL" "$ROOT/pgferry" run "$RUN_DIR/warmup.yaml" --no-progress
      fi
      if ! "$@" >"$RUN_DIR/pgferry-warmup-$cmd.log" 2>&1; then
        log "bench: the pgferry $cmd warm-up failed (see $RUN_DIR/pgferry-warmup-$cmd.log); timing without it"
      fi
    done
  done
  recreate_db bench_warmup --drop-only || true
fi

tool_cmd() { # tool -> command array in CMD
  local tool=$1
  case "$tool" in
    pgdump_dir)
      CMD=(bash -c 'set -e; pg_dump -Fd -j "$1" -f "$2" "$3"; pg_restore -j "$1" -d "$4" "$2"' _ \
           "$JOBS" "$WORK/dump" "$SRC_URL" "$DST_URL") ;;
    pgdump_pipe)
      CMD=(bash -c 'set -o pipefail; pg_dump "$1" | psql -X -q -v ON_ERROR_STOP=1 -d "$2" >/dev/null' _ \
           "$SRC_URL" "$DST_URL") ;;
    pgcopydb)
      CMD=(pgcopydb clone --source "$SRC_URL" --target "$DST_URL" --table-jobs "$JOBS" --index-jobs "$JOBS" \
           --dir "$WORK/pgcopydb") ;;
    pgferry)
      # shellcheck disable=SC2206 # PGFERRY_ARGS is split on purpose (extra flags to compare levers)
      CMD=("$ROOT/pgferry" clone --source "$SRC_URL" --target "$DST_URL" --jobs "$JOBS" --no-progress ${PGFERRY_ARGS:-}) ;;
    pgferry_flink)
      # the load phase as a Flink job on a mini cluster inside the pgferry process (its start is part of the time)
      CMD=("$ROOT/pgferry" clone --source "$SRC_URL" --target "$DST_URL" --jobs "$JOBS" --no-progress --engine flink) ;;
    pgferry_transform)
      CMD=(env BENCH_SOURCE_URL="$SRC_URL" BENCH_TARGET_URL="$DST_URL" BENCH_JOBS="$JOBS"
           "$ROOT/pgferry" run "$BENCH_DIR/transform.yaml" --jobs "$JOBS" --no-progress) ;;
  esac
}

tool_version() {
  case "$1" in
    pgdump_dir|pgdump_pipe) pg_dump --version ;;
    pgcopydb) pgcopydb --version 2>/dev/null | grep -m1 'pgcopydb version' || echo unknown ;;
    pgferry) echo "${PGFERRY_VERSION:-unknown}" ;;
    pgferry_transform) echo "${PGFERRY_VERSION:-unknown}, pipeline bench/transform.yaml" ;;
    pgferry_flink) echo "${PGFERRY_VERSION:-unknown}, engine flink (Flink 2.3.0 mini cluster)" ;;
  esac
}

ACTIVE=()
for t in "${TOOL_LIST[@]}"; do
  if [ -n "${SKIP[$t]:-}" ]; then log "bench: SKIP $t: ${SKIP[$t]}"; else ACTIVE+=("$t"); fi
done

# ---------------------------------------------------------------------------------------------
# Header
# ---------------------------------------------------------------------------------------------
LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)
NCPU=$(nproc)
MEM_GB=$(awk '/MemTotal/ {printf "%.1f", $2/1048576}' /proc/meminfo)
JAVA_VER=""
if want_tool pgferry || want_tool pgferry_transform || want_tool pgferry_flink; then
  JAVA_VER=$( (. "$ROOT/.mvn/find-jdk.sh" >/dev/null 2>&1 && "$JAVA_HOME/bin/java" -version 2>&1 | head -n 1) || echo unknown)
fi
SRC_MB=$(python3 -c "import sys; print('%.1f' % (int(sys.argv[1]) / 1048576))" "$SRC_BYTES")

echo "== pgferry bench $STAMP"
echo "machine:   $NCPU CPUs, $MEM_GB GiB RAM, load average at start $LOADAVG"
echo "server:    PostgreSQL $SERVER_VERSION (cluster $PG_VER/$PG_CLUSTER, port $PORT); clients from $CLIENT_BIN"
echo "source:    $SRC_DB, scale $SCALE ($DATASET_VERSION), $SRC_MB MB (pg_database_size)"
echo "settings:  --jobs $JOBS, --runs $RUNS, tools: ${ACTIVE[*]:-none}"
for t in "${TOOL_LIST[@]}"; do
  if [ -n "${SKIP[$t]:-}" ]; then printf '  %-17s SKIPPED: %s\n' "$t" "${SKIP[$t]}"
  else printf '  %-17s %s\n' "$t" "$(tool_version "$t")"; fi
done
[ -n "$JAVA_VER" ] && echo "  java              $JAVA_VER"
[ ${#ACTIVE[@]} -gt 0 ] || die "no tool to run"

# source fingerprint, taken once
"${PSQL[@]}" -d "$SRC_DB" -f "$BENCH_DIR/verify.sql" >"$RUN_DIR/source.fp"

export META_STAMP=$STAMP META_LOADAVG=$LOADAVG META_NCPU=$NCPU META_MEM_GB=$MEM_GB META_SERVER="$SERVER_VERSION" \
  META_SCALE=$SCALE META_JOBS=$JOBS META_RUNS=$RUNS META_SRC_DB=$SRC_DB META_SRC_BYTES=$SRC_BYTES \
  META_DATASET=$DATASET_VERSION META_JAVA="$JAVA_VER"
for t in "${TOOL_LIST[@]}"; do
  if [ -n "${SKIP[$t]:-}" ]; then export "META_SKIP_$t=${SKIP[$t]}"; else export "META_VERSION_$t=$(tool_version "$t")"; fi
done

# ---------------------------------------------------------------------------------------------
# Runs: round-robin, the starting tool rotating each round
# ---------------------------------------------------------------------------------------------
reset_target() {
  recreate_db "$DST_DB"
  rm -rf "$WORK/dump" "$WORK/pgcopydb"
  "${PSQL[@]}" -d postgres -c 'CHECKPOINT' >/dev/null
  sync
}

echo
printf '%-17s %5s %9s %8s %6s %10s %7s %7s  %s\n' tool round wall_s MB/s cpu% peak_rss tool_s server_s status
n=${#ACTIVE[@]}
for round in $(seq 1 "$RUNS"); do
  for i in $(seq 0 $((n - 1))); do
    tool=${ACTIVE[$(( (i + round - 1) % n ))]}
    reset_target
    tool_cmd "$tool"
    tag="$tool-r$round"
    python3 "$BENCH_DIR/measure.py" --json "$RUN_DIR/$tag.json" --log "$RUN_DIR/$tag.log" --timeout "$TIMEOUT" \
      --server-pid "$SERVER_PID" -- "${CMD[@]}"
    status=OK
    reason=""
    rc=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['exit_code'])" "$RUN_DIR/$tag.json")
    if [ "$rc" != 0 ]; then
      status=FAILED; reason="exit code $rc (log: $RUN_DIR/$tag.log)"
    elif ! "${PSQL[@]}" -d "$DST_DB" -f "$BENCH_DIR/verify.sql" >"$RUN_DIR/$tag.fp" 2>&1; then
      status=FAILED; reason="verification query failed ($RUN_DIR/$tag.fp)"
    elif ! diff -q "$RUN_DIR/source.fp" "$RUN_DIR/$tag.fp" >/dev/null; then
      status=FAILED
      reason="clone differs from source: $(diff "$RUN_DIR/source.fp" "$RUN_DIR/$tag.fp" | grep '^[<>]' | head -n 4 | tr '\n' ' ')"
    fi
    python3 - "$RUN_DIR/$tag.json" "$tool" "$round" "$status" "$reason" "$RUN_DIR/$tag.log" "$SRC_BYTES" >>"$RUNS_JSONL" <<'PY'
import json, sys
path, tool, rnd, status, reason, logp, src = sys.argv[1:8]
r = json.load(open(path))
r.update(tool=tool, round=int(rnd), status=status, reason=reason, log=logp)
r["mb_per_s"] = round(int(src) / 1048576 / r["wall_s"], 2) if r["wall_s"] > 0 else None
print(json.dumps(r))
fmt = lambda v: "-" if v is None else "%.1f" % v
line = "%-17s %5d %9.2f %8.1f %6.1f %7.0f MB %7s %7s  %s" % (tool, int(rnd), r["wall_s"], r["mb_per_s"] or 0,
        100 * r["cpu_util"], r["peak_rss_kb"] / 1024, fmt(r.get("tool_cpu_s")), fmt(r.get("server_cpu_s")), status)
print(line + (("  " + reason) if reason else ""), file=sys.stderr)
PY
  done
done 2>&1

recreate_db "$DST_DB" --drop-only || true
rm -rf "$WORK"

echo
python3 "$BENCH_DIR/report.py" --runs "$RUNS_JSONL" --json "$OUT_DIR/results-$STAMP.json"
