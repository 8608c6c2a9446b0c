#!/usr/bin/env bash
# SMTP load run of the whole server: the distribution archive started twice, as the "plain" profile (James' own
# pipeline, every Postwarden hook and mailet taken out of the shipped conf) and the "full" profile (every feature on),
# each driven with concurrent SMTP connections for three flows: inbound to mailbox, authenticated relay, forward.
# DNS comes from a JSON zone, remote delivery goes to a local counting SMTP sink, spamd is a stand-in that finds
# nothing spam (SPAMD_PORT=783 uses a real spamd). Prints messages/s, p50/p99 latency, errors, full/plain and RSS.
#
#   bench/smtp-load.sh                                  # about 5 minutes on 2 cores
#   CONNECTIONS=10 MESSAGES=10 bench/smtp-load.sh       # a quick check of the harness
#
# Settings (environment): CONNECTIONS (50), MESSAGES (per connection, 40), SIZE (bytes, 4096), PROFILES
# (plain,full), SCENARIOS (inbound,relay,forward), JAVA_OPTS of the servers (-Xms256m -Xmx1g), SPAMD_PORT (0).
# Results: bench/target/smtp-load.log; the servers' directories (logs in var/log) are kept in the printed work dir
# when KEEP=1.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
LOG="$BENCH_DIR/target/smtp-load.log"

cd "$ROOT"
source bench/classpath.sh
bench_classpath distribution
cp distribution/target/postwarden-*.tar.gz "$WORK/postwarden.tar.gz"

mkdir -p "$BENCH_DIR/target"
{
    echo "Load before: $(uptime)"
    java -cp "$CLASSPATH" \
        -Dconnections="${CONNECTIONS:-50}" -Dmessages="${MESSAGES:-40}" -Dsize="${SIZE:-4096}" \
        -Dprofiles="${PROFILES:-plain,full}" -Dscenarios="${SCENARIOS:-inbound,relay,forward}" \
        -DjavaOpts="${JAVA_OPTS:--Xms256m -Xmx1g}" -DspamdPort="${SPAMD_PORT:-0}" \
        org.postwarden.bench.smtp.LoadRun "$WORK/postwarden.tar.gz" "$WORK/servers" 2>&1
    echo "Load after: $(uptime)"
    echo "Work directory: $WORK"
} | tee "$LOG"
