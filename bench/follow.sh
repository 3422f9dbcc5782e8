#!/usr/bin/env bash
# pgferry follow bench: pgbench writing at full speed on the source for a while (default 60 s) while pgferry follow
# applies the changes to a target on the same server. Reports pgbench's write rate, follow's apply rate, and the
# replication lag in time (median, p95, max): every 0.2 s the target's recorded position is compared with when the
# source's WAL insert position passed it. Checks at the end that the target equals the source (row counts and sums).
# Needs wal_level = logical on the local server: --set-wal-level sets it (ALTER SYSTEM) and restarts the cluster.
# See bench/README.md, "Follow".
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
PORT=5432
SCALE=10
DURATION=60
CLIENTS=4
SET_WAL=""

usage() {
  cat <<USAGE
usage: bench/follow.sh [--port P] [--scale N] [--seconds S] [--clients C] [--set-wal-level]
  --port P         port of the local server (default 5432)
  --scale N        pgbench scale (default 10: 1,000,000 accounts)
  --seconds S      how long pgbench writes (default 60)
  --clients C      pgbench clients (default 4)
  --set-wal-level  set wal_level = logical with ALTER SYSTEM and restart the local cluster (pg_ctlcluster) first
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT=$2; shift 2 ;;
    --scale) SCALE=$2; shift 2 ;;
    --seconds) DURATION=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --set-wal-level) SET_WAL=yes; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "follow: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

log() { printf '%s\n' "$*" >&2; }
die() { log "follow: $*"; exit 1; }
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres)
url() { printf 'postgresql://postgres@127.0.0.1:%s/%s' "$PORT" "$1"; }
recreate_db() {
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null 2>&1
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE \"$1\"" >/dev/null
}
now() { date +%s.%N; }

if [ "$("${PSQL[@]}" -d postgres -Atc 'SHOW wal_level')" != logical ]; then
  [ -n "$SET_WAL" ] || die "the server's wal_level is not logical; run with --set-wal-level (ALTER SYSTEM and a restart)"
  "${PSQL[@]}" -d postgres -c "ALTER SYSTEM SET wal_level = logical" >/dev/null
  version=$("${PSQL[@]}" -d postgres -Atc "SELECT current_setting('server_version_num')::int / 10000")
  pg_ctlcluster --skip-systemctl-redirect "$version" main restart
  sleep 2
fi

STAMP=$(date +%Y%m%d-%H%M%S)
RUN_DIR="$BENCH_DIR/out/follow-$STAMP"
mkdir -p "$RUN_DIR"
"$ROOT/pgferry" --version >"$RUN_DIR/build.log" 2>&1 || die "pgferry did not build (see $RUN_DIR/build.log)"
SRC=follow_src
DST=follow_dst
"${PSQL[@]}" -d postgres -Atc "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'pgferry_follow'" >/dev/null
recreate_db "$SRC"
recreate_db "$DST"
pgbench -h 127.0.0.1 -p "$PORT" -U postgres -i -q -s "$SCALE" "$SRC" >"$RUN_DIR/pgbench-init.log" 2>&1
# pgbench_history has no key; it is only ever inserted into, so the whole row is identity enough
"${PSQL[@]}" -d "$SRC" -c "ALTER TABLE pgbench_history REPLICA IDENTITY FULL" >/dev/null

echo "== pgferry follow bench $STAMP"
echo "server:   $("${PSQL[@]}" -d postgres -Atc 'SHOW server_version'), source and target on it; pgbench scale $SCALE, $CLIENTS clients, ${DURATION} s"
t0=$(now)
"$ROOT/pgferry" follow -s "$(url "$SRC")" -t "$(url "$DST")" --until-caught-up --no-progress >"$RUN_DIR/copy.log" 2>&1 \
  || die "the initial copy failed (see $RUN_DIR/copy.log)"
COPY_S=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')

"$ROOT/pgferry" follow -s "$(url "$SRC")" -t "$(url "$DST")" --no-progress >"$RUN_DIR/follow.log" 2>&1 &
FOLLOW_PID=$!
trap 'kill $FOLLOW_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q "going on from" "$RUN_DIR/follow.log" && break
  sleep 0.1
done
# samples: time, the source's WAL insert position, the target's recorded position (bytes). The target is read first:
# the source's position, read after it, is later than at the target's reading, so the lag is overestimated (by the
# few tens of milliseconds between the two reads), never under.
( while true; do
    d=$("${PSQL[@]}" -d "$DST" -Atc "SELECT pg_wal_lsn_diff(lsn, '0/0')::int8 FROM pgferry.follow_state")
    s=$("${PSQL[@]}" -d "$SRC" -Atc "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::int8")
    printf '%s %s %s\n' "$(now)" "$s" "$d"
    sleep 0.2
  done ) >"$RUN_DIR/samples.txt" &
SAMPLER=$!
tx_before=$("${PSQL[@]}" -d "$DST" -Atc "SELECT transactions FROM pgferry.follow_state")
pgbench -h 127.0.0.1 -p "$PORT" -U postgres -n -c "$CLIENTS" -j 2 -T "$DURATION" "$SRC" >"$RUN_DIR/pgbench.log" 2>&1
END_LSN=$("${PSQL[@]}" -d "$SRC" -Atc "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::int8")
t_end=$(now)
for _ in $(seq 1 600); do
  d=$("${PSQL[@]}" -d "$DST" -Atc "SELECT pg_wal_lsn_diff(lsn, '0/0')::int8 FROM pgferry.follow_state")
  [ "$d" -ge "$END_LSN" ] 2>/dev/null && break
  sleep 0.1
done
CATCHUP_S=$(awk -v a="$t_end" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
kill "$SAMPLER"
kill -TERM "$FOLLOW_PID"
wait "$FOLLOW_PID" || true
trap - EXIT
tx_after=$("${PSQL[@]}" -d "$DST" -Atc "SELECT transactions FROM pgferry.follow_state")
TPS=$(grep -o 'tps = [0-9.]*' "$RUN_DIR/pgbench.log" | head -1 | awk '{print $3}')
APPLIED=$((tx_after - tx_before))
# lag: for each sample, how long ago the source's insert position passed the target's recorded position
LAG=$(python3 - "$RUN_DIR/samples.txt" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if len(l.split()) == 3]
t = [float(r[0]) for r in rows]; s = [int(r[1]) for r in rows]; d = [int(r[2]) for r in rows]
lags = []
for i in range(len(rows)):
    if s[i] <= d[i]:
        lags.append(0.0)
        continue
    j = i
    while j > 0 and s[j - 1] >= d[i]:
        j -= 1
    lags.append(t[i] - t[j])
lags.sort()
n = len(lags)
print("%.2f %.2f %.2f %d" % (lags[(n - 1) // 2], lags[min(n - 1, int(n * 0.95))], lags[-1], n))
PY
)
read -r LAG_MED LAG_P95 LAG_MAX NSAMPLES <<<"$LAG"
# the end state: counts and sums on both sides
q="SELECT (SELECT count(*) || '/' || sum(abalance) FROM pgbench_accounts) || ' ' || (SELECT count(*) || '/' || sum(bbalance) FROM pgbench_branches)
  || ' ' || (SELECT count(*) || '/' || sum(tbalance) FROM pgbench_tellers) || ' ' || (SELECT count(*) || '/' || coalesce(sum(delta), 0) FROM pgbench_history)"
got=$("${PSQL[@]}" -d "$DST" -Atc "$q")
want=$("${PSQL[@]}" -d "$SRC" -Atc "$q")
ok=yes; [ "$got" = "$want" ] || ok="DIFFERS (got $got, want $want)"
"$ROOT/pgferry" follow -s "$(url "$SRC")" -t "$(url "$DST")" --cleanup >"$RUN_DIR/cleanup.log" 2>&1 || die "cleanup failed"

printf '\n%-28s %s\n' "initial copy (s)" "$COPY_S"
printf '%-28s %s\n' "pgbench write rate (tps)" "$TPS"
printf '%-28s %s\n' "follow apply rate (tps)" "$(awk -v a="$APPLIED" -v b="$DURATION" -v c="$CATCHUP_S" 'BEGIN { printf "%.1f", a / (b + c) }')"
printf '%-28s %s\n' "transactions applied" "$APPLIED"
printf '%-28s %s / %s / %s  (%s samples)\n' "lag median / p95 / max (s)" "$LAG_MED" "$LAG_P95" "$LAG_MAX" "$NSAMPLES"
printf '%-28s %s\n' "caught up after pgbench (s)" "$CATCHUP_S"
printf '%-28s %s\n' "target equals source" "$ok"
echo "logs: $RUN_DIR"
[ "$ok" = yes ]
