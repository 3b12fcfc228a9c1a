#!/usr/bin/env bash
# Benchmark (not a test): the three figures of issue 16 in one go, each against its own baseline measured in the same
# run — the /chat ratio to the naive same-stack app (alternating wrk runs), the open-stream ladder (median against the
# unloaded stream time, streams/s against the ideal, the knee, memory per open stream) and the limiter ratio to
# Bucket4j (alternating rounds). Needs what each needs: wrk, redis-server, redis-cli, curl (Debian:
# apt-get install -y wrk redis-server redis-tools curl).
# Usage: bench/issue16.sh   JAVA_HOME=/path/to/jdk-25 measures on the image's JRE (virtual threads), the build stays on 17.
#   CHAT_ROUNDS=5 CHAT_SECONDS=15 STREAM_LEVELS=250,500,1000,2000,3000,4000,5000 STREAM_SECONDS=20 LIMITER_ROUNDS=7
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cd "$root"
echo "== POST /chat against the baseline"
"$root/bench/chat-vs-baseline.sh" "${CHAT_ROUNDS:-5}" "${CHAT_SECONDS:-15}"
echo "== open streams"
JAVA_HOME= ./mvnw -q -B -pl bench -am verify -Pbench -DskipTests -Dbench.java="$java" \
  -Dbench.main=io.consoul.bench.StreamBenchmark -Dbench.streams.levels="${STREAM_LEVELS:-250,500,1000,2000,3000,4000,5000}" \
  -Dbench.streams.seconds="${STREAM_SECONDS:-20}"
echo "== the limiter against Bucket4j"
JAVA_HOME= ./mvnw -q -B -pl bench -am verify -Pbench -DskipTests -Dbench.java="$java" \
  -Dbench.main=io.consoul.bench.LimiterBenchmark -Dbench.limiter.rounds="${LIMITER_ROUNDS:-7}"
