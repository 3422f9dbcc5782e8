#!/usr/bin/env bash
# The launcher's start-up cache and exit flag (README, "Set up and try it"), checked with the `cli` command bucket:
# without cache the first run records, the second assembles and uses the cache, the third uses it; stdout
# stays exactly the command's output throughout; PGFERRY_CDS=off writes nothing. Needs the jar built.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
major=$(pgferry_java_major "$JAVA_HOME/bin/java")
dir=cli/target
fail() { echo "launcher test: $*" >&2; exit 1; }
expected=$(PGFERRY_CDS=off ./pgferry --version)
case "$expected" in "pgferry "*) ;; *) fail "unexpected --version output: $expected" ;; esac

rm -f "$dir"/pgferry-cli.*
[ "$(PGFERRY_CDS=off ./pgferry --version 2>&1)" = "$expected" ] || fail "PGFERRY_CDS=off: output differs"
[ -z "$(ls "$dir" | grep '^pgferry-cli\.' || true)" ] || fail "PGFERRY_CDS=off wrote $(ls "$dir" | grep '^pgferry-cli\.')"

if [ "$major" -ge 25 ]; then
  [ "$(./pgferry --version 2>&1)" = "$expected" ] || fail "recording run: stdout/stderr not just the version"
  ls "$dir"/pgferry-cli.*.aotconf >/dev/null 2>&1 || fail "the first run recorded no configuration"
  [ ! -f "$dir/pgferry-cli.aot" ] || fail "the first run already wrote a cache"
  [ "$(./pgferry --version 2>&1)" = "$expected" ] || fail "assembling run: output not just the version"
  [ -f "$dir/pgferry-cli.aot" ] || fail "the second run assembled no cache"
  ! ls "$dir"/pgferry-cli.*.aotconf >/dev/null 2>&1 || fail "the recording was not removed after assembling"
  # -Xlog:class+load shows where classes came from: with the cache they come from the "shared objects file".
  PGFERRY_JAVA_OPTS='-Xlog:class+load=info:stdout' ./pgferry --version | grep 'io.pgferry.cli.Main source: shared objects file' >/dev/null \
    || fail "the third run did not load pgferry's classes from the cache"
  # linked too: the JVM drops the cache's linking when the run's module options differ from the assembly's
  PGFERRY_JAVA_OPTS='-Xlog:aot=info:stdout' ./pgferry --version | grep 'Using AOT-linked classes: true' >/dev/null \
    || fail "the third run did not use the cache's linked classes (module options differ between assembly and run?)"
  PGFERRY_JAVA_OPTS='-XX:+PrintFlagsFinal' ./pgferry --version | grep -E 'UserThreadWaitAttemptsAtExit += 0 ' >/dev/null \
    || fail "the exit wait is not turned off"
  touch cli/target/pgferry.jar  # a newer jar makes the cache stale: the next run records again
  ./pgferry --version >/dev/null
  ls "$dir"/pgferry-cli.*.aotconf >/dev/null 2>&1 || fail "a stale cache did not start a new recording"
  # a JDK updated in place (its release file rewritten) makes the cache stale too; a JDK of our own to touch
  fake=$(mktemp -d)
  ln -s "$JAVA_HOME/bin" "$fake/bin"
  cp -p "$JAVA_HOME/release" "$fake/release"
  JAVA_HOME="$fake" ./pgferry --version >/dev/null  # assembles the recording above
  [ -f "$dir/pgferry-cli.aot" ] && ! ls "$dir"/pgferry-cli.*.aotconf >/dev/null 2>&1 || fail "the cache was not assembled"
  sleep 1; touch "$fake/release"
  [ "$(JAVA_HOME="$fake" ./pgferry --version 2>&1)" = "$expected" ] || fail "run after a JDK update: output not just the version"
  ls "$dir"/pgferry-cli.*.aotconf >/dev/null 2>&1 || fail "a JDK newer than the cache did not start a new recording"
  rm -rf "$fake"
  # an assembly that fails (here a recording that is not one) is not retried until the jar or the JDK changes:
  # no run records again only to fail to assemble on the next one
  rm -f "$dir"/pgferry-cli.*
  echo "not a recording" >"$dir/pgferry-cli.1.aotconf"
  [ "$(./pgferry --version 2>&1)" = "$expected" ] || fail "failed assembly: output not just the version"
  [ -f "$dir/pgferry-cli.aot-failed" ] && [ ! -f "$dir/pgferry-cli.aot" ] || fail "a failed assembly was not remembered"
  [ "$(./pgferry --version 2>&1)" = "$expected" ] || fail "run after a failed assembly: output not just the version"
  ! ls "$dir"/pgferry-cli.*.aotconf >/dev/null 2>&1 || fail "a run after a failed assembly recorded again"
  touch cli/target/pgferry.jar  # a new jar is worth another try
  ./pgferry --version >/dev/null
  ls "$dir"/pgferry-cli.*.aotconf >/dev/null 2>&1 || fail "a newer jar did not start a new recording after a failed assembly"
  ./pgferry --version >/dev/null
  [ -f "$dir/pgferry-cli.aot" ] && [ ! -f "$dir/pgferry-cli.aot-failed" ] || fail "the cache was not assembled after a failed assembly"
elif [ "$major" -ge 19 ]; then
  [ "$(./pgferry --version 2>&1)" = "$expected" ] || fail "CDS run: output not just the version"
  [ -f "$dir/pgferry-cli.jsa" ] || fail "no CDS archive written"
fi
# a checkout whose path has a blank runs, without a cache (its options are split into words)
spaced=$(mktemp -d)
ln -s "$PWD" "$spaced/with space"
before=$(ls "$dir" | grep -c '^pgferry-cli\.' || true)
[ "$("$spaced/with space/pgferry" --version 2>&1)" = "$expected" ] || fail "a path with a blank: output not just the version"
[ "$(ls "$dir" | grep -c '^pgferry-cli\.' || true)" = "$before" ] || fail "a path with a blank wrote a cache"
rm -rf "$spaced"
# sync runs with C1 only, other commands with both compilers; PGFERRY_JAVA_OPTS overrides the launcher's choice
tier() { PGFERRY_CDS=off PGFERRY_JAVA_OPTS="-XX:+PrintFlagsFinal ${2:-}" ./pgferry $1 --help | sed -n 's/^ *intx TieredStopAtLevel *= *\([0-9]\).*/\1/p'; }
[ "$(tier sync)" = 1 ] || fail "sync does not run with C1 only"
[ "$(tier clone)" = 4 ] || fail "clone does not run with C2"
[ "$(tier sync -XX:TieredStopAtLevel=4)" = 4 ] || fail "PGFERRY_JAVA_OPTS does not override sync's JIT level"
echo "launcher test: passed (JDK $major)"
