#!/usr/bin/env bash
# SMTP load run of the whole server against Postfix, in one run: Debian's Postfix (plain relay and delivery to
# Maildir, and relay through OpenDKIM RSA-2048) and the distribution started twice, as the "plain" profile (James' own
# pipeline, every Postwarden hook and mailet taken out of the shipped conf) and the "full" profile (every feature on).
# The same generator drives them and the same counting SMTP sink (or the mailbox) ends each flow: inbound to mailbox,
# relay, forward. Every server is warmed with WARMUP mails, then measured ROUNDS times, one server at a time, order
# rotated; prints medians of delivered msg/s with ratios to Postfix, CPU ms per message per process group, memory.
#
#   bench/smtp-load.sh                                           # about 12 minutes on 2 cores
#   MESSAGES=20 bench/smtp-load.sh                               # 8.5 minutes, same warm-up (8,000 mails per server)
#   CONNECTIONS=10 MESSAGES=10 WARMUP=200 ROUNDS=1 bench/smtp-load.sh   # a quick check of the harness (~3 minutes)
#
# Settings (environment): CONNECTIONS (50), MESSAGES (per connection, flow and round, 40), SIZE (bytes, 4096), WARMUP
# (mails per server before measuring, 8000), ROUNDS (3), PROFILES (postfix,postfix-dkim,plain,full), SCENARIOS
# (inbound,relay,forward), JAVA_OPTS of the servers (the launcher's default, -Xms128m -Xmx384m -XX:+UseSerialGC), SPAMD_PORT (0: a stand-in that finds nothing spam),
# CRASH (1: after the rounds, kill -9 each Postwarden server CRASH_AFTER (10) seconds into an inbound load, restart it
# and count over IMAP that every message that got a 250 is in the mailboxes).
# Results: bench/target/smtp-load.log (everything) and bench/target/smtp-load-table.md (the tables); Postfix's
# directories (config, queue, Maildirs, maillog) in bench/target/postfix; the Postwarden servers' directories (logs
# in var/log) are kept in the printed work dir when KEEP=1.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
LOG="$BENCH_DIR/target/smtp-load.log"
TABLE="$BENCH_DIR/target/smtp-load-table.md"
POSTFIX_DIR="$BENCH_DIR/target/postfix"
PROFILES="${PROFILES:-postfix,postfix-dkim,plain,full}"

# Postfix must start as root (it drops to mail_owner itself); the packages are Debian's.
without_profile() {
    echo "$PROFILES" | tr ',' '\n' | grep -vx "$1" | paste -sd, -
}
if [[ ",$PROFILES," == *",postfix"* ]]; then
    if [ ! -x /usr/sbin/postfix ] || [ "$(id -u)" != 0 ]; then
        echo "NOTE: the Postfix baselines need Debian's postfix and root (apt-get install postfix): skipping them." >&2
        PROFILES="$(without_profile postfix-dkim)"; PROFILES="$(without_profile postfix)"
    elif [[ ",$PROFILES," == *",postfix-dkim,"* ]] && [ ! -x /usr/sbin/opendkim -o ! -x /usr/sbin/opendkim-genkey ]; then
        echo "NOTE: /usr/sbin/opendkim is not installed (apt-get install opendkim opendkim-tools): skipping postfix-dkim." >&2
        PROFILES="$(without_profile postfix-dkim)"
    fi
fi

cd "$ROOT"
source bench/classpath.sh
bench_classpath distribution
cp distribution/target/postwarden-*.tar.gz "$WORK/postwarden.tar.gz"

# Should the run die before it stops them, stop Postfix and OpenDKIM here (both record their pids under POSTFIX_DIR).
stop_postfix() {
    if [ -f "$POSTFIX_DIR/queue/pid/master.pid" ]; then
        /usr/sbin/postfix -c "$POSTFIX_DIR/conf" stop 2>/dev/null || true
    fi
}
trap 'stop_postfix; [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"' EXIT

mkdir -p "$BENCH_DIR/target"
{
    echo "Machine: $(nproc) cores, $(free -m | awk '/^Mem:/ {print $2}') MB memory, $(uname -sr), $(java -version 2>&1 | head -1), Postfix $(/usr/sbin/postconf -h mail_version 2>/dev/null || echo none), $(/usr/sbin/opendkim -V 2>/dev/null | head -1 || echo 'no OpenDKIM')"
    echo "Load before: $(uptime)"
    java -cp "$CLASSPATH" \
        -Dconnections="${CONNECTIONS:-50}" -Dmessages="${MESSAGES:-40}" -Dsize="${SIZE:-4096}" \
        -Dwarmup="${WARMUP:-8000}" -Drounds="${ROUNDS:-3}" \
        -Dprofiles="$PROFILES" -Dscenarios="${SCENARIOS:-inbound,relay,forward}" \
        -DjavaOpts="${JAVA_OPTS:--Xms128m -Xmx384m -XX:+UseSerialGC}" -DspamdPort="${SPAMD_PORT:-0}" \
        -DpostfixDir="$POSTFIX_DIR" -Dtable="$TABLE" -DclockTicks="$(getconf CLK_TCK)" \
        -Dcrash="${CRASH:-0}" -DcrashAfter="${CRASH_AFTER:-10}" \
        org.postwarden.bench.smtp.LoadRun "$WORK/postwarden.tar.gz" "$WORK/servers" 2>&1
    echo "Load after: $(uptime)"
    echo "Work directory: $WORK"
} | tee "$LOG"
