#!/usr/bin/env bash
# A Flink 2.3 session cluster on this machine, from the jars Maven Central serves (no Flink download): one job
# manager and N task managers, each a JVM of its own, to try `pgferry clone --flink-address` before a real cluster.
#
#   bench/flink-cluster.sh start [N]     # job manager on localhost:8081 (REST and web UI), N task managers (default 2)
#   bench/flink-cluster.sh kill-tm K     # kill -9 task manager K (what FlinkSessionClusterIT does during a load)
#   bench/flink-cluster.sh status | stop
#
# Needs the engine built: ./mvnw -q -pl flink -am package -DskipTests (flink/target/cluster-lib). Logs and pids go to
# flink/target/flink-cluster/. The same processes are what FlinkSessionClusterIT starts (its fixture FlinkSessionCluster).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/.mvn/find-jdk.sh"
java="$JAVA_HOME/bin/java"
lib="$root/flink/target/cluster-lib"
run="$root/flink/target/flink-cluster"
[ -d "$lib" ] || { echo "flink-cluster: $lib is missing; build it: ./mvnw -q -pl flink -am package -DskipTests" >&2; exit 2; }
cp=$(find "$lib" -name '*.jar' | sort | tr '\n' ':')
mkdir -p "$run/conf"
cat >"$run/conf/config.yaml" <<'YAML'
jobmanager.rpc.address: localhost
jobmanager.rpc.port: 6123
jobmanager.bind-host: localhost
rest.address: localhost
rest.bind-address: localhost
rest.port: 8081
taskmanager.host: localhost
taskmanager.bind-host: localhost
taskmanager.numberOfTaskSlots: 2
jobmanager.memory.process.size: 768m
taskmanager.memory.process.size: 1024m
taskmanager.memory.managed.size: 64m
heartbeat.interval: 1000
heartbeat.timeout: 5000
YAML
cat >"$run/conf/log4j.properties" <<'PROPS'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
appender.file.type = File
appender.file.name = file
appender.file.fileName = ${sys:log.file}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} %m%n
logger.pekko.name = org.apache.pekko
logger.pekko.level = WARN
PROPS
# the JDK packages Flink's own configuration opens (env.java.opts.all)
opens="--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
 --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
 --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
 --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
 --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
 --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
 --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"

# what Flink's bin/jobmanager.sh and taskmanager.sh do: BashJavaUtils turns the memory settings into JVM flags
resources() {
  "$java" -cp "$cp" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$run/conf" 2>/dev/null \
    | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

launch() { # name main-class resources-kind [dynamic properties]
  local name=$1 main=$2 out jvm dyn
  out=$(resources "$3"); shift 3
  jvm=$(echo "$out" | sed -n 1p); dyn=$(echo "$out" | sed -n 2p)
  # shellcheck disable=SC2086 # flags are words on purpose
  nohup "$java" $jvm $opens -Dlog.file="$run/$name.log" -Dlog4j.configurationFile="file:$run/conf/log4j.properties" \
    -cp "$cp" "$main" --configDir "$run/conf" $dyn "$@" >"$run/$name.out" 2>&1 &
  echo $! >"$run/$name.pid"
  echo "started $name (pid $!)"
}

case "${1:-}" in
  start)
    n=${2:-2}
    launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint GET_JM_RESOURCE_PARAMS
    for k in $(seq 1 "$n"); do
      launch "taskmanager-$k" org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS \
        -D "taskmanager.resource-id=taskmanager-$k"
    done
    for _ in $(seq 1 600); do
      got=$(curl -s localhost:8081/taskmanagers 2>/dev/null | grep -o '"id"' | wc -l || true)
      if [ "${got:-0}" -ge "$n" ]; then
        echo "ready: localhost:8081, $got task managers; try: ./pgferry clone -s SOURCE -t TARGET --flink-address localhost:8081"
        exit 0
      fi
      sleep 0.2
    done
    echo "flink-cluster: not ready after 120 s; see $run/*.out and *.log" >&2; exit 1 ;;
  kill-tm) kill -9 "$(cat "$run/taskmanager-$2.pid")" && echo "killed taskmanager-$2" ;;
  status)
    curl -s localhost:8081/overview || echo "no job manager on localhost:8081"; echo
    for f in "$run"/*.pid; do
      [ -e "$f" ] || continue
      p=$(cat "$f"); printf '%-15s %s %s\n' "$(basename "$f" .pid)" "$p" "$(kill -0 "$p" 2>/dev/null && echo running || echo gone)"
    done ;;
  stop)
    for f in "$run"/*.pid; do
      [ -e "$f" ] || continue
      kill "$(cat "$f")" 2>/dev/null || true; rm -f "$f"
    done
    echo stopped ;;
  *) echo "usage: $0 start [N] | kill-tm K | status | stop" >&2; exit 2 ;;
esac
