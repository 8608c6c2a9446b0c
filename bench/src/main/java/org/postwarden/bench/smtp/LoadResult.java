package org.postwarden.bench.smtp;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** What one load run saw: accepted transactions, refusals and failures by reply, transaction latencies. */
record LoadResult(int accepted, Map<String, Integer> errors, long[] latencyNanos, Duration elapsed) {

    LoadResult {
        errors = Map.copyOf(new TreeMap<>(errors));
        latencyNanos = latencyNanos.clone();
        Arrays.sort(latencyNanos);
    }

    int errorCount() {
        return errors.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Accepted messages per second of the whole run. */
    double acceptedPerSecond() {
        return accepted / (elapsed.toNanos() / 1e9);
    }

    /** Transaction latency (MAIL FROM to the reply after the data) at {@code percentile} (0..100), in ms. */
    double latencyMillis(double percentile) {
        if (latencyNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100 * latencyNanos.length) - 1;
        return latencyNanos[Math.max(0, Math.min(index, latencyNanos.length - 1))] / 1e6;
    }
}
