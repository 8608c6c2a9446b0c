#!/usr/bin/env bash
# Throttle limiter decisions/s and p99 latency for the in-memory, JDBC (embedded Derby), embedded (H2 MVStore file)
# and Redis (loopback) stores:
# ThrottleStore.acquire of the 3 windows one message consumes (account, sender domain, client address), over
# 100,000 accounts; the in-memory store is the baseline the table's ratios refer to.
#
#   bench/throttle.sh                                  # about 6 minutes on 2 cores
#   USERS=10000 TIME=1s WARMUP=1 ITERATIONS=1 bench/throttle.sh   # a quick check of the harness
#
# Settings (environment): USERS (100000), STORES (memory,jdbc,embedded,redis), THREADS (4), WARMUP (2), ITERATIONS (3),
# TIME (5s, per iteration). Further arguments go to JMH as they are.
# Results: bench/target/throttle-bench.json (JMH), bench/target/throttle-bench.log (everything printed).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
USERS="${USERS:-100000}"
STORES="${STORES:-memory,jdbc,embedded,redis}"
THREADS="${THREADS:-4}"
WARMUP="${WARMUP:-2}"
ITERATIONS="${ITERATIONS:-3}"
TIME="${TIME:-5s}"
RESULTS="$BENCH_DIR/target/throttle-bench.json"
LOG="$BENCH_DIR/target/throttle-bench.log"

cd "$ROOT"
source bench/classpath.sh
bench_classpath

STORES="$(stores_installed "$STORES")"

# 4 threads on a 2-core machine: another JMH run would share the cores.
await_other_jmh_runs

mkdir -p "$BENCH_DIR/target"
rm -f "$RESULTS"
# -D options of this JVM reach JMH's forks; the forks' heap is set on the benchmark class.
{
    echo "Load before: $(uptime)"
    java -Dpostwarden.bench.dir="$WORK" -cp "$CLASSPATH" org.openjdk.jmh.Main \
        'org\.postwarden\.bench\.throttle\.ThrottleBenchmark\.' \
        -f 1 -wi "$WARMUP" -w "$TIME" -i "$ITERATIONS" -r "$TIME" -t "$THREADS" \
        -p store="$STORES" -p users="$USERS" \
        -rf json -rff "$RESULTS" "$@" 2>&1
    echo "Load after: $(uptime)"
} | tee "$LOG"

echo
echo "Preload (one line per trial):"
grep -ho '\[preload\].*' "$LOG" | sed 's/^/  /' || echo "  (none printed)"
grep -h '^Load ' "$LOG" | sed 's/^/  /'
echo
python3 - "$RESULTS" "$THREADS" <<'PYTHON'
import json
import statistics
import sys

results = json.load(open(sys.argv[1]))
threads = sys.argv[2]
throughput, spread, p50, p99 = {}, {}, {}, {}
users = set()
for result in results:
    name = result["benchmark"].rsplit(".", 1)[1]
    store = result["params"]["store"]
    users.add(result["params"]["users"])
    metric = result["primaryMetric"]
    if result["mode"] == "thrpt":
        throughput[(store, name)] = metric["score"]
        iterations = [score for fork in metric["rawData"] for score in fork]
        spread[(store, name)] = (max(iterations) - min(iterations)) / statistics.median(iterations)
    elif result["mode"] == "sample":
        p50[(store, name.removesuffix("Latency"))] = metric["scorePercentiles"]["50.0"]
        p99[(store, name.removesuffix("Latency"))] = metric["scorePercentiles"]["99.0"]

def cell(table, key, fmt):
    return format(table[key], fmt) if key in table else "n/a"

print(f"Throttle acquisitions (3 windows each) over {', '.join(sorted(users))} accounts, {threads} threads. "
      "spread: (max - min) / median of the measured iterations; vs memory: ops/s against the memory store of "
      "this run")
header = ("store", "benchmark", "ops/s", "spread", "p50 µs", "p99 µs", "vs memory")
rows = []
for store in ("memory", "jdbc", "embedded", "redis"):
    for name in ("acquire",):
        key = (store, name)
        if key not in throughput and key not in p99:
            continue
        baseline = throughput.get(("memory", name))
        ratio = format(throughput[key] / baseline, ".3g") if key in throughput and baseline else "n/a"
        rows.append((store, name, cell(throughput, key, ",.0f"), cell(spread, key, ".0%"),
                     cell(p50, key, ",.1f"), cell(p99, key, ",.1f"), ratio))
widths = [max(len(row[i]) for row in rows + [header]) for i in range(len(header))]
for row in [header] + rows:
    print("  ".join(value.ljust(width) if i < 2 else value.rjust(width)
                    for i, (value, width) in enumerate(zip(row, widths))).rstrip())
PYTHON
