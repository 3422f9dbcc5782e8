# Sourced by ./mvnw, ./pgferry and .ci/run (POSIX sh): makes JAVA_HOME point at a JDK >= 21.
# Order: an existing JAVA_HOME, the java on PATH, then the usual install folders (newest first).
pgferry_java_major() {
  # prints the major version of the java binary given as $1, or nothing. The JDK's release file answers
  # without starting a JVM (each start costs 0.1-0.5 s, and this runs before every pgferry command).
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release" | head -n 1)
    [ "$v" = 1 ] && v=$(sed -n 's/^JAVA_VERSION="1\.\([0-9][0-9]*\).*/\1/p' "$release" | head -n 1)
    if [ -n "$v" ]; then echo "$v"; return; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}
pgferry_jdk_ok() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  major=$(pgferry_java_major "$1/bin/java")
  [ -n "$major" ] && [ "$major" -ge 21 ]
}
if [ -n "${JAVA_HOME:-}" ] && pgferry_jdk_ok "$JAVA_HOME"; then
  :
else
  found=""
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    pgferry_jdk_ok "$candidate" && found="$candidate"
  fi
  if [ -z "$found" ]; then
    for candidate in $(ls -d /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -rV); do
      if pgferry_jdk_ok "$candidate"; then found="$candidate"; break; fi
    done
  fi
  if [ -n "$found" ]; then
    JAVA_HOME="$found"; export JAVA_HOME
  else
    echo "pgferry: no JDK 21 or newer found (looked at JAVA_HOME, PATH, /usr/lib/jvm, /usr/java, /opt, ~/.sdkman, ~/.jdks)." >&2
    echo "pgferry: install one (e.g. 'apt-get install openjdk-21-jdk-headless') or set JAVA_HOME." >&2
    exit 1
  fi
fi
PATH="$JAVA_HOME/bin:$PATH"; export PATH
# Maven's own libraries touch sun.misc.Unsafe; JDK 24+ warns about it on every build. Silence that noise.
if [ "$(pgferry_java_major "$JAVA_HOME/bin/java")" -ge 24 ]; then
  case "${MAVEN_OPTS:-}" in
    *sun-misc-unsafe-memory-access*) ;;
    *) MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
  esac
fi
