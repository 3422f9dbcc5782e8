#!/usr/bin/env bash
# pgferry sync benchmark: on the wide 1,000,000-row table, change 1 % of the rows (updates, inserts,
# deletes) and time `pgferry sync --delete` against a full re-clone of that table; then check the deletes
# of a 10,000,000-key table with a capped JVM heap. See bench/README.md ("Sync").
# Needs the cluster and the cached source that bench/run.sh sets up (run it once first); only reads bench_src.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
PORT=${PORT:-5432}
JOBS=${JOBS:-2}
KEYS=${KEYS:-10000000}
HEAP=${HEAP:-256m}
export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres
unset PGPASSWORD PGDATABASE 2>/dev/null || true
PSQL=(psql -X -q -v ON_ERROR_STOP=1)
URL="postgresql://postgres@127.0.0.1:$PORT"
OUT="$BENCH_DIR/out/sync-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

"${PSQL[@]}" -d bench_src -tAc 'select 1 from bench_wide limit 1' >/dev/null 2>&1 \
  || { echo "bench: bench_src with bench_wide is missing; run bench/run.sh --tools pgferry --runs 1 once first" >&2; exit 1; }
"$ROOT/pgferry" --version >/dev/null

recreate() { "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" -c "CREATE DATABASE \"$1\""; }
timed() { # label cmd... -> seconds on stdout, output in $OUT/label.log
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >"$OUT/$label.log" 2>&1 || { echo "bench: $label failed, see $OUT/$label.log" >&2; exit 1; }
  t1=$(date +%s.%N)
  python3 -c "print('%.2f' % ($t1 - $t0))"
}
digest() { "${PSQL[@]}" -d "$1" -tAc "select count(*) || ' ' || coalesce(sum(hashtextextended(t::text, 0)), 0) from bench_wide t"; }

echo "== pgferry sync bench $(date +%Y%m%d-%H%M%S), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), --jobs $JOBS"

# source: the wide table (and its FK parent) of bench_src, plus an updated_at column and its index
recreate bench_sync_src >/dev/null
"$ROOT/pgferry" clone -s "$URL/bench_src" -t "$URL/bench_sync_src" --include bench_wide,bench_category --jobs "$JOBS" --no-progress -q
"${PSQL[@]}" -d bench_sync_src <<'SQL'
-- every row its own time (one shared value would make every row a boundary row, re-read on every run)
ALTER TABLE bench_wide ADD COLUMN updated_at timestamptz;
UPDATE bench_wide SET updated_at = created_at;
ALTER TABLE bench_wide ALTER COLUMN updated_at SET NOT NULL, ALTER COLUMN updated_at SET DEFAULT now();
VACUUM FULL bench_wide;
CREATE INDEX bench_wide_updated_at_idx ON bench_wide (updated_at);
VACUUM ANALYZE bench_wide;
SQL

# pgferry's start-up caches (README, "Set up and try it"): a command's first run records its cache and the
# second assembles it (about 1 s). The clone above was a first run; one more untimed clone of the small parent
# table, and two untimed syncs of it, all into a scratch database, so that no timed run pays for a cache and
# the timed target holds nothing of the warm-up (its first timed sync also creates the state tables).
recreate bench_sync_warm >/dev/null
"$ROOT/pgferry" clone -s "$URL/bench_sync_src" -t "$URL/bench_sync_warm" --include bench_category --no-progress -q \
  >"$OUT/warmup.log" 2>&1 || echo "bench: the clone warm-up failed (see $OUT/warmup.log)" >&2
for _ in 1 2; do
  "$ROOT/pgferry" sync -s "$URL/bench_sync_src" -t "$URL/bench_sync_warm" --include bench_category --no-progress -q \
    >>"$OUT/warmup.log" 2>&1 || echo "bench: the sync warm-up failed (see $OUT/warmup.log)" >&2
done
"${PSQL[@]}" -d postgres -c 'DROP DATABASE bench_sync_warm WITH (FORCE)' >/dev/null

# baseline: a full re-clone of that table into an empty database
recreate bench_sync_full >/dev/null
"${PSQL[@]}" -d postgres -c CHECKPOINT >/dev/null
FULL_S=$(timed full-clone "$ROOT/pgferry" clone -s "$URL/bench_sync_src" -t "$URL/bench_sync_full" --include bench_wide,bench_category \
  --jobs "$JOBS" --no-progress)
"${PSQL[@]}" -d postgres -c 'DROP DATABASE bench_sync_full WITH (FORCE)' >/dev/null

# target: a clone, then a first sync that records the state (nothing to change)
recreate bench_sync_dst >/dev/null
"$ROOT/pgferry" clone -s "$URL/bench_sync_src" -t "$URL/bench_sync_dst" --jobs "$JOBS" --no-progress -q
FIRST_S=$(timed sync-first "$ROOT/pgferry" sync -s "$URL/bench_sync_src" -t "$URL/bench_sync_dst" --include bench_wide --delete --jobs "$JOBS" --no-progress)

# 1 % of the rows change: 5,000 updates, 2,500 inserts, 2,500 deletes, scattered over the key range
"${PSQL[@]}" -d bench_sync_src <<'SQL'
UPDATE bench_wide SET note = note || ' changed', amount = amount + 1, updated_at = now() WHERE id % 200 = 7;
INSERT INTO bench_wide (id, uid, mood, amount, tags, addr, doc, note, payload, created_at, category_id)
SELECT 2000000 + i, md5((2000000 + i)::text)::uuid, 'calm', i, ARRAY['new'], '10.9.9.9', '{"new": true}', 'new ' || i, NULL,
       now(), 1 + i % 100 FROM generate_series(1, 2500) i;
DELETE FROM bench_wide WHERE id % 400 = 123;
SQL
"${PSQL[@]}" -d postgres -c CHECKPOINT >/dev/null
SYNC_S=$(timed sync-1pct "$ROOT/pgferry" sync -s "$URL/bench_sync_src" -t "$URL/bench_sync_dst" --include bench_wide --delete --jobs "$JOBS" --no-progress)
[ "$(digest bench_sync_src)" = "$(digest bench_sync_dst)" ] && VERIFY=identical || VERIFY=DIFFERENT
tail -n 2 "$OUT/sync-1pct.log" | cut -c1-160

echo
printf '%-44s %8s s\n' "full re-clone of bench_wide (1,000,000 rows)" "$FULL_S"
printf '%-44s %8s s\n' "sync with nothing changed (--delete)" "$FIRST_S"
printf '%-44s %8s s   target rows: %s\n' "sync after 1 % changed (--delete)" "$SYNC_S" "$VERIFY"
python3 -c "r = $FULL_S / $SYNC_S; print('full clone / sync: %.1fx  (target >= 20x: %s)' % (r, 'meets' if r >= 20 else 'misses'))"

# delete check of $KEYS keys with the heap capped at $HEAP: 1 % of the keys are gone from the source
if [ "$KEYS" -gt 0 ]; then
  for db in bench_sync_keys_src bench_sync_keys_dst; do
    recreate "$db" >/dev/null
    "${PSQL[@]}" -d "$db" -c "CREATE TABLE bench_keys (id bigint PRIMARY KEY, v integer NOT NULL)" \
      -c "INSERT INTO bench_keys SELECT i, i % 1000 FROM generate_series(1, $KEYS) i" -c "VACUUM ANALYZE bench_keys"
  done
  "${PSQL[@]}" -d bench_sync_keys_src -c "DELETE FROM bench_keys WHERE id % 100 = 42" -c "VACUUM bench_keys"
  python3 "$BENCH_DIR/measure.py" --json "$OUT/keys.json" --log "$OUT/keys.log" --timeout 3600 -- \
    env PGFERRY_JAVA_OPTS="-Xmx$HEAP" "$ROOT/pgferry" sync -s "$URL/bench_sync_keys_src" -t "$URL/bench_sync_keys_dst" \
    --mode append --delete --jobs "$JOBS" --no-progress
  python3 - "$OUT/keys.json" "$KEYS" "$HEAP" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("delete check of %s keys (heap capped at %s): %.1f s, peak RSS %.0f MB, exit %s" % (
    format(int(sys.argv[2]), ","), sys.argv[3], r["wall_s"], r["peak_rss_kb"] / 1024, r["exit_code"]))
PY
  [ "$("${PSQL[@]}" -d bench_sync_keys_src -tAc 'select count(*) from bench_keys')" = \
    "$("${PSQL[@]}" -d bench_sync_keys_dst -tAc 'select count(*) from bench_keys')" ] && echo "keys: identical counts" || echo "keys: DIFFERENT"
  "${PSQL[@]}" -d postgres -c 'DROP DATABASE bench_sync_keys_src WITH (FORCE)' -c 'DROP DATABASE bench_sync_keys_dst WITH (FORCE)' >/dev/null
fi
"${PSQL[@]}" -d postgres -c 'DROP DATABASE bench_sync_src WITH (FORCE)' -c 'DROP DATABASE bench_sync_dst WITH (FORCE)' >/dev/null
echo "logs: $OUT"
