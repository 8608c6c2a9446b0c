#!/usr/bin/env bash
# DKIM signing and verification, messages/s for RSA-2048 and Ed25519 on 4 KB and 100 KB bodies, beside the raw
# signature rates (JDK, BouncyCastle and the Amazon Corretto Crypto Provider) and SHA-256 measured in the same run; prints the ratios, per CPU-second of
# the benchmark thread (CpuShareProfiler), so that a build competing for the 2 cores skews them less.
#
#   bench/dkim.sh                          # about 5 minutes
#   TIME=300ms WARMUP=1 ITERATIONS=1 bench/dkim.sh   # a quick check of the harness, under a minute
#
# Settings (environment): WARMUP (2), ITERATIONS (3), TIME (3s, per iteration), BENCHMARKS (a JMH regex; all of
# org.postwarden.bench.dkim), ROUNDS (1: JMH runs of the selection one after the other; ratios are taken within
# each run, and the table shows their median). Further arguments go to JMH as they are (-prof gc, -p size=4096...).
# Results: bench/target/dkim-bench-<round>.json (JMH), bench/target/dkim-bench.log (everything printed).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
WARMUP="${WARMUP:-2}"
ITERATIONS="${ITERATIONS:-3}"
TIME="${TIME:-3s}"
BENCHMARKS="${BENCHMARKS:-org\.postwarden\.bench\.dkim\.}"
ROUNDS="${ROUNDS:-1}"
LOG="$BENCH_DIR/target/dkim-bench.log"

cd "$ROOT"
source bench/classpath.sh
bench_classpath

# Single-threaded figures on a 2-core machine: another JMH run would halve them.
await_other_jmh_runs

mkdir -p "$BENCH_DIR/target"
rm -f "$BENCH_DIR"/target/dkim-bench*.json
{
    echo "Load before: $(uptime)"
    for round in $(seq 1 "$ROUNDS"); do
        [ "$ROUNDS" = 1 ] || echo "Round $round of $ROUNDS"
        java -cp "$CLASSPATH" org.openjdk.jmh.Main "$BENCHMARKS" \
            -f 1 -wi "$WARMUP" -w "$TIME" -i "$ITERATIONS" -r "$TIME" -t 1 \
            -prof org.postwarden.bench.dkim.CpuShareProfiler -rf json \
            -rff "$BENCH_DIR/target/dkim-bench-$round.json" "$@" 2>&1
    done
    echo "Load after: $(uptime)"
} | tee "$LOG"

echo
python3 - "$BENCH_DIR"/target/dkim-bench-*.json <<'PYTHON'
import json
import statistics
import sys

def read(path):
    wall, error, share = {}, {}, {}
    for result in json.load(open(path)):
        name = result["benchmark"].rsplit(".", 1)[1]
        params = result.get("params", {})
        key = (name, params.get("algorithm", ""), int(params.get("size", 0)), params.get("fields", ""))
        metric = result["primaryMetric"]
        wall[key] = metric["score"]
        # JMH writes "NaN" for the error of a single iteration.
        spread = metric["scoreError"]
        error[key] = spread if isinstance(spread, (int, float)) and spread == spread else None
        cpu = result.get("secondaryMetrics", {}).get("cpu.share")
        share[key] = cpu["score"] if cpu else None
    # Rates per CPU-second of the benchmark thread: comparable between forks that ran under different loads.
    score = {key: wall[key] / share[key] if share[key] else wall[key] for key in wall}
    return wall, error, share, score

rounds = [read(path) for path in sorted(sys.argv[1:])]

def median(values):
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None

keys = set().union(*(r[0].keys() for r in rounds))
wall = {k: median([r[0].get(k) for r in rounds]) for k in keys}
spread = {k: median([r[1].get(k) for r in rounds]) for k in keys}
error = {k: f"{spread[k]:,.0f}" if spread[k] is not None else "n/a" for k in keys}
share = {k: median([r[2].get(k) for r in rounds]) for k in keys}
score = {k: median([r[3].get(k) for r in rounds]) for k in keys}

RAW = {
    ("sign", "rsa"): ["rawRsaSign", "rawRsaSignAccp"],
    ("sign", "ed25519"): ["rawEd25519SignJdk", "rawEd25519SignBc", "rawEd25519SignAccp"],
    ("verify", "rsa"): ["rawRsaVerify", "rawRsaVerifyAccp"],
    ("verify", "ed25519"): ["rawEd25519VerifyJdk", "rawEd25519VerifyBc", "rawEd25519VerifyAccp"],
}
LABEL = {
    "rawRsaSign": "raw RSA sign (JDK)", "rawRsaVerify": "raw RSA verify (JDK)",
    "rawRsaSignAccp": "raw RSA sign (ACCP)", "rawRsaVerifyAccp": "raw RSA verify (ACCP)",
    "rawEd25519SignJdk": "raw Ed25519 sign (JDK)", "rawEd25519SignBc": "raw Ed25519 sign (BC)",
    "rawEd25519VerifyJdk": "raw Ed25519 verify (JDK)", "rawEd25519VerifyBc": "raw Ed25519 verify (BC)",
    "rawEd25519SignAccp": "raw Ed25519 sign (ACCP)", "rawEd25519VerifyAccp": "raw Ed25519 verify (ACCP)",
}

def size_label(size):
    return f"{size // 1024} KB" if size % 1024 == 0 else f"{size} B"

def fastest(operation, algorithm, scores=None):
    scores = score if scores is None else scores
    present = [(scores[(name, "", 0, "")], name) for name in RAW[(operation, algorithm)] if (name, "", 0, "") in scores]
    return max(present) if present else (None, None)

def round_ratios(key, operation, algorithm):
    """Each round's ratio against that round's own fastest raw rate."""
    ratios = []
    for r in rounds:
        raw, _ = fastest(operation, algorithm, r[3])
        if raw and key in r[3]:
            ratios.append(r[3][key] / raw)
    return ratios

def measured(label, size, key):
    cpu = f"{share[key]:.2f}" if share[key] else "n/a"
    return (label, size, f"{wall[key]:,.0f}", error[key], cpu, f"{score[key]:,.0f}", f"{1e6 / score[key]:,.1f}")

header = ("benchmark", "size", "ops/s", "±99.9%", "cpu", "ops/cpu-s", "µs/op", "vs raw", "vs raw+SHA", "baseline",
          "vs raw, each round")
rows = []
for operation in ("sign", "verify"):
    for algorithm in ("rsa", "ed25519"):
        raw, raw_name = fastest(operation, algorithm)
        for size, fields in sorted({k[2:] for k in score if k[0] == operation and k[1] == algorithm}):
            key = (operation, algorithm, size, fields)
            ops = score[key]
            sha = score.get(("rawSha256", "", size, ""))
            ratios = round_ratios(key, operation, algorithm)
            ratio = f"{statistics.median(ratios):.3f}" if ratios else "n/a"
            # What raw crypto plus hashing the body once would allow: the rest is the DKIM code's own work.
            bound = f"{ops * (1 / raw + 1 / sha):.2f}" if raw and sha else "n/a"
            each = " ".join(f"{r:.3f}" for r in ratios) if len(ratios) > 1 else ""
            label = f"DKIM {operation} {algorithm}" + (f", {fields} fields" if fields else "")
            rows.append(measured(label, size_label(size), key)
                        + (ratio, bound, LABEL.get(raw_name, "n/a"), each))
        for name in RAW[(operation, algorithm)]:
            key = (name, "", 0, "")
            if key in score:
                rows.append(measured(LABEL[name], "32 B", key)
                            + (f"{score[key] / raw:.2f}", "", f"fastest {algorithm} {operation}", ""))
for name, label in (("rawSha256", "raw SHA-256 (JDK)"), ("rawSha256Accp", "raw SHA-256 (ACCP)")):
    for size in sorted(k[2] for k in score if k[0] == name):
        key = (name, "", size, "")
        rows.append(measured(label, size_label(size), key)
                    + ("", "", f"{score[key] * size / 1e6:,.0f} MB/cpu-s", ""))

print("DKIM, 1 thread. Sizes of DKIM rows are body octets (the header adds 900, the verified message's "
      "DKIM-Signature and Received 700-960 more). Signing with the same fields: one message over and over; "
      "alternating fields: two messages whose fields differ, in turn, so that the signer reuses nothing of the last.")
print("ops/s, ±99.9%: wall clock. cpu: CPU seconds the benchmark thread got per second (1.00 when nothing "
      "competes). ops/cpu-s, µs/op and the ratios are per CPU-second of the benchmark thread.")
print("vs raw: against the fastest provider's raw rate for that algorithm and operation in the same run (with "
      "ROUNDS, the median of each round's ratio); vs raw+SHA: against 1 / (1/raw + 1/SHA-256 of the body), what the "
      "crypto and one hash of the body allow.")
if len(rounds) > 1:
    print(f"{len(rounds)} rounds: ops/s, ±99.9%, cpu, ops/cpu-s and µs/op are medians over the rounds.")
widths = [max(len(row[i]) for row in rows + [header]) for i in range(len(header))]
for row in [header] + rows:
    print("  ".join(value.ljust(width) if i in (0, 9, 10) else value.rjust(width)
                    for i, (value, width) in enumerate(zip(row, widths))).rstrip())
PYTHON
