# Sourced by the bench scripts, from the repository root. Builds bench (and the modules named in $1, e.g.
# "distribution") in one reactor run with nothing installed, so the classpath names the sibling modules' freshly
# packaged jars, not whatever ~/.m2 holds; then copies the jars into a private directory, since other builds in
# this tree may clean target/ meanwhile. Sets WORK (removed on exit unless KEEP=1) and CLASSPATH.
bench_classpath() {
    mvn -B -q -DskipTests package dependency:build-classpath -pl "bench${1:+,$1}" -am \
        -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
    WORK="$(mktemp -d -t postwarden-bench.XXXXXX)"
    [ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
    mkdir -p "$WORK/lib"
    cp bench/target/postwarden-bench-*.jar "$WORK/lib/"
    tr ':' '\n' < bench/target/classpath.txt | while read -r jar; do
        [ -n "$jar" ] && cp "$jar" "$WORK/lib/"
    done
    CLASSPATH="$(find "$WORK/lib" -name '*.jar' | sort | paste -sd: -)"
}

# Waits while another JMH run shares the cores: its figures and ours would both be wrong.
await_other_jmh_runs() {
    while pgrep -f 'org\.openjdk\.jmh' > /dev/null; do
        echo "Waiting for another JMH run to end: $(pgrep -af 'org\.openjdk\.jmh' | head -1 | cut -c1-120)"
        sleep 20
    done
}

# The comma-separated store list without redis when no redis-server is installed, saying so.
stores_installed() {
    if [[ ",$1," == *",redis,"* ]] && [ ! -x /usr/bin/redis-server ]; then
        echo "NOTE: /usr/bin/redis-server is not installed (apt-get install redis-server): skipping the Redis store." >&2
        echo "$1" | tr ',' '\n' | grep -vx redis | paste -sd, -
    else
        echo "$1"
    fi
}
