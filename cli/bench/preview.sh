#!/usr/bin/env bash
# Benchmark (not a test): wall time of `consoul preview <cloud>-production --format json` as a whole process —
# JVM start, loading the cloud's provider classes, running the program under mocks, printing JSON.
# Needs hyperfine (apt-get install -y hyperfine). Usage: cli/bench/preview.sh [runs]  (default 10)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-10}"
"$root/consoul" --version >/dev/null   # builds the jar first if needed, outside the measurement
cd "$root"
commands=()
for cloud in aws gcp azure k8s; do
  commands+=("./consoul preview ${cloud}-production --format json")
done
hyperfine --warmup 1 --runs "$runs" --export-markdown "$root/cli/target/preview-bench.md" "${commands[@]}"
