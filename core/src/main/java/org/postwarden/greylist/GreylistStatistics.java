package org.postwarden.greylist;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one node since it started, for the metrics the hook publishes. */
public final class GreylistStatistics {
    private final LongAdder greylisted = new LongAdder();
    private final LongAdder passedOnRetry = new LongAdder();
    private final LongAdder knownTripletPasses = new LongAdder();
    private final LongAdder autoWhitelistedPasses = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder storeErrors = new LongAdder();

    void record(GreylistDecision decision) {
        switch (decision.reason()) {
            case NEW_TRIPLET, TOO_EARLY, RETRY_WINDOW_EXPIRED -> greylisted.increment();
            case PASSED_RETRY -> passedOnRetry.increment();
            case KNOWN_TRIPLET -> knownTripletPasses.increment();
            case AUTO_WHITELISTED_NETWORK -> autoWhitelistedPasses.increment();
        }
    }

    /** For recipients the hook did not check: admin whitelist match, authenticated or relaying client... */
    public void recordSkipped() {
        skipped.increment();
    }

    /** {@link Greylist#check} counts its own failures; this is for the hook's other store calls. */
    public void recordStoreError() {
        storeErrors.increment();
    }

    public long greylisted() {
        return greylisted.sum();
    }

    public long passedOnRetry() {
        return passedOnRetry.sum();
    }

    public long knownTripletPasses() {
        return knownTripletPasses.sum();
    }

    public long autoWhitelistedPasses() {
        return autoWhitelistedPasses.sum();
    }

    public long skipped() {
        return skipped.sum();
    }

    public long storeErrors() {
        return storeErrors.sum();
    }
}
