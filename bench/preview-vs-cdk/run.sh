#!/usr/bin/env bash
# Benchmark (not a test): `consoul preview aws-production` against `cdk synth` of a comparable stack (app.js, about
# 50 resources), in alternating hyperfine rounds on the same machine. Prints each round's medians and, at the end,
# the median over rounds of each command and of the ratio preview / cdk synth.
# Needs hyperfine (apt-get install -y hyperfine), Node.js and npm. The CDK is installed into $CONSOUL_CDK_DIR
# (default: $TMPDIR/consoul-cdk-bench), never into the repository.
# Usage: bench/preview-vs-cdk/run.sh [rounds (default 5)] [runs per command per round (default 3)]
#   EXTRA_COMMAND='java -jar old.jar preview aws-production --format json' adds a third command to every round.
#   CONSOUL_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 runs ./consoul with that JDK.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rounds="${1:-5}"
runs="${2:-3}"
cdk_dir="${CONSOUL_CDK_DIR:-${TMPDIR:-/tmp}/consoul-cdk-bench}"
out="$root/bench/target/preview-vs-cdk"
mkdir -p "$cdk_dir" "$out"
cp "$here/package.json" "$here/app.js" "$here/cdk.json" "$cdk_dir/"
(cd "$cdk_dir" && [ -x node_modules/.bin/cdk ] || npm install --no-audit --no-fund --silent)
[ -n "${CONSOUL_JAVA_HOME:-}" ] && export PATH="$CONSOUL_JAVA_HOME/bin:$PATH"
export CDK_DISABLE_VERSION_CHECK=true
# Outside the measurement: build the jar and make the class-data archive (the first run after a build does both).
"$root/consoul" preview aws-production --format json --project-dir "$root" >/dev/null
(cd "$cdk_dir" && node_modules/.bin/cdk synth --quiet --no-notices >/dev/null 2>&1)
echo "consoul preview on $(java -version 2>&1 | head -n 1); cdk synth: $(cd "$cdk_dir" && node_modules/.bin/cdk --version | head -n 1), node $(node --version)"
echo "resources: preview $("$root/consoul" preview aws-production --project-dir "$root" | sed -n 's/^\([0-9]*\) resources$/\1/p'),"\
     "cdk synth $(cd "$cdk_dir" && node -e "console.log(Object.keys(require('./cdk.out/ConsoulProduction.template.json').Resources).length)")"

commands=("$root/consoul preview aws-production --format json --project-dir $root"
          "cd $cdk_dir && node_modules/.bin/cdk synth --quiet --no-notices")
[ -n "${EXTRA_COMMAND:-}" ] && commands+=("$EXTRA_COMMAND")
for round in $(seq 1 "$rounds"); do
  hyperfine --style none --warmup 1 --runs "$runs" --export-csv "$out/round-$round.csv" "${commands[@]}" >/dev/null
  awk -F, -v round="$round" 'NR > 1 { printf "round %s: %-60.60s median %.3f s (min %.3f, max %.3f)\n", round, $1, $4, $7, $8 }' \
    "$out/round-$round.csv"
done
# Median over rounds of each command's median, and of the per-round ratio to cdk synth (CSV row 3).
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.3f (rounds %.3f..%.3f)", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1], v[NR] }'; }
csvs=$(for round in $(seq 1 "$rounds"); do echo "$out/round-$round.csv"; done)
for row in $(seq 2 $(( ${#commands[@]} + 1 ))); do
  name=$(awk -F, -v row="$row" 'NR == row { print $1 }' "$out/round-1.csv")
  seconds=$(for f in $csvs; do awk -F, -v row="$row" 'NR == row { print $4 }' "$f"; done | median)
  ratio=$(for f in $csvs; do awk -F, -v row="$row" 'NR == row { m = $4 } NR == 3 { c = $4 } END { print m / c }' "$f"; done | median)
  printf '%-60.60s median %s s, / cdk synth %s\n' "$name" "$seconds" "$ratio"
done
