#!/usr/bin/env bash
# Instructions per operation of one clearance-bench --profile operation, and the functions
# they are spent in. Runs the release binary twice under callgrind (1 and N operations) and
# subtracts, so workload construction drops out.
#
#   Benchmarks/Scripts/callgrind.sh can [N]      # N defaults to 200000
#
# CLEARANCE_BENCH_BINARY=path runs that binary instead of building one (to compare a
# saved build with the current one).
#
# Operations: see `clearance-bench --help` (--profile).
set -euo pipefail
operation=${1:?usage: callgrind.sh OPERATION [N]}
count=${2:-200000}
here=$(cd "$(dirname "$0")/.." && pwd)
binary=${CLEARANCE_BENCH_BINARY:-}
if [ -z "$binary" ]; then
  swift build -c release --package-path "$here" >/dev/null
  binary="$here/.build/release/clearance-bench"
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for n in 1 "$count"; do
  valgrind --tool=callgrind --callgrind-out-file="$out/$n" "$binary" --profile "$operation=$n" \
    >/dev/null 2>&1
  callgrind_annotate --auto=no --threshold=100 "$out/$n" >"$out/$n.txt"
done
awk -v n="$count" -v op="$operation" '
  function parse(line,   v) {
    if (match(line, /^ *[0-9,]+ /) == 0) return -1
    v = substr(line, RSTART, RLENGTH); gsub(/[ ,]/, "", v); return v + 0
  }
  FNR == 1 { file++ }
  {
    v = parse($0); if (v < 0) next
    name = $0; sub(/^ *[0-9,]+ +(\([^)]*\) +)?/, "", name); sub(/ \[.*$/, "", name)
    if (name ~ /PROGRAM TOTALS/) { total[file] = v; next }
    cost[name] += (file == 1 ? -v : v)
  }
  END {
    printf "%s: %.1f instructions per operation\n", op, (total[2] - total[1]) / (n - 1)
    for (k in cost) if (cost[k] / (n - 1) >= 0.5) printf "%9.1f  %s\n", cost[k] / (n - 1), k | "sort -rn | head -25"
  }' "$out/1.txt" "$out/$count.txt"
