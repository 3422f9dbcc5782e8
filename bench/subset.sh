#!/usr/bin/env bash
# pgferry subset bench: a shop of 500,000 customers with 10,000,000 events (each event references its customer,
# indexed, as real schemas do) and 200 products the events name. In one run: a full clone, then subset clones of
# 1 % of the customers with all their events (pipeline: subset.start customers "id % 100 = 0") and of half of them,
# each with its key sets in memory and in temporary tables on the target (memory: 0). Reports wall times, the
# subsets' share of the rows, and peak RSS; checks that each subset holds exactly the expected rows.
# See bench/README.md, "Subset".
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
PORT=5432
JOBS=2
REBUILD=""
SRC_DB=subset_src

usage() {
  cat <<USAGE
usage: bench/subset.sh [--port P] [--jobs N] [--rebuild]
  --port P     port of the local server (default 5432)
  --jobs N     --jobs given to pgferry (default 2)
  --rebuild    rebuild the source database even when cached
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --rebuild) REBUILD=yes; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "subset: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

log() { printf '%s\n' "$*" >&2; }
die() { log "subset: $*"; exit 1; }
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres)
url() { printf 'postgresql://postgres@127.0.0.1:%s/%s' "$PORT" "$1"; }
recreate_db() {
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null 2>&1
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE \"$1\"" >/dev/null
}
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
[ -x /usr/bin/time ] || die "/usr/bin/time (GNU time) is needed for peak RSS"

DATASET_VERSION=subset2
have=$("${PSQL[@]}" -d postgres -Atc "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$SRC_DB'")
if [ -n "$REBUILD" ] || [ "$have" != "$DATASET_VERSION" ]; then
  log "subset: building $SRC_DB (a few minutes, once)"
  recreate_db "$SRC_DB"
  "${PSQL[@]}" -d "$SRC_DB" <<'SQL'
CREATE TABLE products (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, email text NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE events (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers, product_id int REFERENCES products,
  kind text NOT NULL, at timestamptz NOT NULL, payload text);
INSERT INTO products SELECT g, 'product ' || g FROM generate_series(1, 200) g;
INSERT INTO customers SELECT g, 'customer ' || g, 'c' || g || '@example.com', timestamptz '2023-01-01' + g * interval '1 min'
  FROM generate_series(1, 500000) g;
INSERT INTO events SELECT g, 1 + (g::bigint * 7919) % 500000, 1 + g % 200, (ARRAY['view','cart','buy'])[1 + g % 3],
  timestamptz '2024-01-01' + g * interval '1 s', md5(g::text) || md5((g * 3)::text)
  FROM generate_series(1, 10000000) g;
CREATE INDEX events_customer_id ON events (customer_id);
CREATE INDEX events_at ON events (at);
VACUUM ANALYZE;
SQL
  "${PSQL[@]}" -d postgres -c "COMMENT ON DATABASE $SRC_DB IS '$DATASET_VERSION'"
fi

STAMP=$(date +%Y%m%d-%H%M%S)
RUN_DIR="$BENCH_DIR/out/subset-$STAMP"
mkdir -p "$RUN_DIR"
"$ROOT/pgferry" --version >"$RUN_DIR/build.log" 2>&1 || die "pgferry did not build (see $RUN_DIR/build.log)"
pipeline() { # file, modulus, memory
  cat >"$1" <<YAML
# bench: the customers with id % $2 = 0, with all their events
source: $(url "$SRC_DB")
target: $(url subset_dst)
jobs: $JOBS
subset:
  start:
    public.customers: "id % $2 = 0"
  memory: $3
YAML
}
pipeline "$RUN_DIR/subset.yaml" 100 512MB

timed() { # log, command...
  local logf=$1; shift
  local t0; t0=$(now)
  /usr/bin/time -f '%M' -o "$logf.rss" "$@" >"$logf" 2>&1 || die "failed: $* (see $logf)"
  T_WALL=$(secs "$t0" "$(now)")
  T_RSS=$(( $(tail -n 1 "$logf.rss") / 1024 ))
}
rows() { "${PSQL[@]}" -d subset_dst -Atc "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM events) + (SELECT count(*) FROM products)"; }

echo "== pgferry subset bench $STAMP"
echo "source:   $SRC_DB, $("${PSQL[@]}" -d postgres -Atc "SELECT pg_size_pretty(pg_database_size('$SRC_DB'))"); --jobs $JOBS"
echo "server:   $("${PSQL[@]}" -d postgres -Atc 'SHOW server_version')"
# warm-up (untimed): the server's buffers, and the launcher's start-up cache of each command, which the first run
# of a new jar records and the second assembles (about a second, once)
for i in 1 2; do
  recreate_db subset_dst
  "$ROOT/pgferry" run "$RUN_DIR/subset.yaml" --no-progress >"$RUN_DIR/warmup-run-$i.log" 2>&1 || die "warm-up failed (see $RUN_DIR/warmup-run-$i.log)"
  recreate_db subset_dst
  "$ROOT/pgferry" clone -s "$(url "$SRC_DB")" -t "$(url subset_dst)" --jobs "$JOBS" --no-progress --phases base >"$RUN_DIR/warmup-clone-$i.log" 2>&1 \
    || die "warm-up failed (see $RUN_DIR/warmup-clone-$i.log)"
done
recreate_db subset_dst
timed "$RUN_DIR/full.log" "$ROOT/pgferry" clone -s "$(url "$SRC_DB")" -t "$(url subset_dst)" --jobs "$JOBS" --no-progress
FULL=$T_WALL; FULL_RSS=$T_RSS
FULL_ROWS=$(rows)

printf '\n%-16s %9s %12s %9s %9s %8s %8s  %s\n' run wall_s rows "row_share" "/ full" rss_MB spilled ok
printf '%-16s %9s %12s %9s %9s %8s %8s  %s\n' full "$FULL" "$FULL_ROWS" 1.0000 1.00 "$FULL_RSS" - yes
ALL_OK=yes
# name, modulus, memory: 1 % and 50 % of the customers, with their key sets in memory and on the target (memory: 0)
for run in "subset:100:512MB" "subset-target:100:0" "half:2:512MB" "half-target:2:0"; do
  IFS=: read -r name mod mem <<<"$run"
  pipeline "$RUN_DIR/$name.yaml" "$mod" "$mem"
  recreate_db subset_dst
  timed "$RUN_DIR/$name.log" "$ROOT/pgferry" run "$RUN_DIR/$name.yaml" --no-progress
  n=$(rows)
  spilled=no; grep -q "temporary tables on the target" "$RUN_DIR/$name.log" && spilled=yes
  # exactly the expected rows, computed on the source in plain SQL; every foreign key valid
  got=$("${PSQL[@]}" -d subset_dst -Atc "SELECT (SELECT count(*) FROM customers) || ' ' || (SELECT count(*) FROM events) || ' ' || (SELECT count(*) FROM products)
    || ' ' || (SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated)")
  want=$("${PSQL[@]}" -d "$SRC_DB" -Atc "SELECT (SELECT count(*) FROM customers WHERE id % $mod = 0) || ' ' || (SELECT count(*) FROM events WHERE customer_id % $mod = 0)
    || ' ' || (SELECT count(DISTINCT product_id) FROM events WHERE customer_id % $mod = 0) || ' ' || (SELECT count(*) FROM pg_constraint WHERE contype = 'f')")
  ok=yes; [ "$got" = "$want" ] || { ok="DIFFERS (customers events products fks: got $got, want $want)"; ALL_OK=no; }
  printf '%-16s %9s %12s %9s %9s %8s %8s  %s\n' "$name" "$T_WALL" "$n" "$(awk -v a="$n" -v b="$FULL_ROWS" 'BEGIN { printf "%.4f", a / b }')" \
    "$(awk -v a="$T_WALL" -v b="$FULL" 'BEGIN { printf "%.2f", a / b }')" "$T_RSS" "$spilled" "$ok"
done
"${PSQL[@]}" -d postgres -c "DROP DATABASE subset_dst WITH (FORCE)" >/dev/null
echo
echo "subset: pgferry run with subset.start customers \"id % 100 = 0\" (children: their events; parents: the products those name);"
echo "half: \"id % 2 = 0\"; -target: memory: 0 (the kept rows' addresses in temporary tables on the target)"
echo "logs: $RUN_DIR"
[ "$ALL_OK" = yes ]
