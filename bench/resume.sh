#!/usr/bin/env bash
# pgferry resume bench: a full clone of the bench dataset, then clones killed with SIGKILL at 25 %, 60 % and 90 %
# of the full clone's time and finished with --resume; each resumed target is verified against the source
# (bench/verify.sql: rows of every table, indexes, constraints by kind). See bench/README.md.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
SRC_DB=bench_src
PORT=5432
JOBS=2
POINTS="25 60 90"

usage() {
  cat <<EOF
usage: bench/resume.sh [--source DB] [--port P] [--jobs N] [--points "25 60 90"]
  --source DB    the source database on the local cluster (default bench_src, built by bench/run.sh)
  --points LIST  when to kill, in percent of the full clone's wall time (default "25 60 90"; a clone that ends
                 before its kill point is reported as such, not resumed)
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --source) SRC_DB=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --points) POINTS=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "resume: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

log() { printf '%s\n' "$*" >&2; }
die() { log "resume: $*"; exit 1; }
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres)
url() { printf 'postgresql://postgres@127.0.0.1:%s/%s' "$PORT" "$1"; }
recreate_db() {
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE \"$1\"" >/dev/null
}
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

[ "$("${PSQL[@]}" -d postgres -Atc "SELECT count(*) FROM pg_database WHERE datname = '$SRC_DB'")" = 1 ] \
  || die "no database $SRC_DB on port $PORT; build it with bench/run.sh --tools pgferry --runs 1"
STAMP=$(date +%Y%m%d-%H%M%S)
RUN_DIR="$BENCH_DIR/out/resume-$STAMP"
mkdir -p "$RUN_DIR"
"$ROOT/pgferry" --version >"$RUN_DIR/build.log" 2>&1 || die "pgferry did not build (see $RUN_DIR/build.log)"
"${PSQL[@]}" -d "$SRC_DB" -f "$BENCH_DIR/verify.sql" >"$RUN_DIR/source.fp"

verify() {
  "${PSQL[@]}" -d "$1" -f "$BENCH_DIR/verify.sql" >"$RUN_DIR/$1.fp" 2>&1 && cmp -s "$RUN_DIR/source.fp" "$RUN_DIR/$1.fp"
}

echo "== pgferry resume bench $STAMP"
echo "source:   $SRC_DB, $("${PSQL[@]}" -d postgres -Atc "SELECT pg_size_pretty(pg_database_size('$SRC_DB'))"); --jobs $JOBS"
echo "server:   $("${PSQL[@]}" -d postgres -Atc 'SHOW server_version')"
# an untimed clone first: the launcher's start-up cache and the server's buffers warm, as for every timed run
recreate_db resume_full
"$ROOT/pgferry" clone -s "$(url "$SRC_DB")" -t "$(url resume_full)" --jobs "$JOBS" --no-progress >"$RUN_DIR/warmup.log" 2>&1 \
  || die "the warm-up clone failed (see $RUN_DIR/warmup.log)"
# The full clone twice, the faster one the reference: a kill point is a share of it, and against a slower reference
# a late point (90 %) fell after the killed clone had already ended.
FULL=""
for i in 1 2; do
  recreate_db resume_full
  t0=$(now)
  "$ROOT/pgferry" clone -s "$(url "$SRC_DB")" -t "$(url resume_full)" --jobs "$JOBS" --no-progress >"$RUN_DIR/full-$i.log" 2>&1 \
    || die "the full clone failed (see $RUN_DIR/full-$i.log)"
  t=$(secs "$t0" "$(now)")
  FULL=$(awk -v a="${FULL:-$t}" -v b="$t" 'BEGIN { printf "%.2f", (b < a ? b : a) }')
done
verify resume_full || die "the full clone differs from the source (see $RUN_DIR)"
"${PSQL[@]}" -d postgres -c "DROP DATABASE resume_full WITH (FORCE)" >/dev/null
printf '\n%-8s %9s %9s %-40s %11s %9s  %s\n' "kill at" "killed_s" "resume_s" "state at the kill (pgferry status)" "killed+res" "/ full" "ok"
printf '%-8s %9s %9s %-40s %11s %9s  %s\n' "full" "-" "-" "-" "$FULL" "1.00" "yes"
failed=0
for p in $POINTS; do
  db=resume_$p
  recreate_db "$db"
  wait_s=$(awk -v f="$FULL" -v p="$p" 'BEGIN { printf "%.2f", f * p / 100 }')
  t0=$(now)
  "$ROOT/pgferry" clone -s "$(url "$SRC_DB")" -t "$(url "$db")" --jobs "$JOBS" --no-progress >"$RUN_DIR/$db-first.log" 2>&1 &
  pid=$!
  sleep "$wait_s"
  if ! kill -9 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null || true
    printf '%-8s %9s %9s %-40s %11s %9s  %s\n' "$p %" "-" "-" "(the clone ended before the kill)" "-" "-" "skipped"
    continue
  fi
  wait "$pid" 2>/dev/null || true
  killed=$(secs "$t0" "$(now)")
  state=$("$ROOT/pgferry" status -t "$(url "$db")" 2>&1 | sed -n 's/^  load: //p' | cut -c1-40)
  t0=$(now)
  ok=yes
  "$ROOT/pgferry" clone -s "$(url "$SRC_DB")" -t "$(url "$db")" --jobs "$JOBS" --no-progress --resume >"$RUN_DIR/$db-resume.log" 2>&1 || ok="FAILED(exit)"
  resumed=$(secs "$t0" "$(now)")
  [ "$ok" = yes ] && { verify "$db" || ok="FAILED(verify)"; }
  [ "$ok" = yes ] || failed=1
  total=$(awk -v a="$killed" -v b="$resumed" 'BEGIN { printf "%.2f", a + b }')
  ratio=$(awk -v r="$resumed" -v f="$FULL" 'BEGIN { printf "%.2f", r / f }')
  printf '%-8s %9s %9s %-40s %11s %9s  %s\n' "$p %" "$killed" "$resumed" "${state:-(nothing recorded)}" "$total" "$ratio" "$ok"
  [ "$ok" = yes ] && "${PSQL[@]}" -d postgres -c "DROP DATABASE \"$db\" WITH (FORCE)" >/dev/null
done
echo
echo "resume_s / full: the resumed run's wall time against a full clone's (JVM start and catalog read included)"
echo "logs: $RUN_DIR"
exit "$failed"
