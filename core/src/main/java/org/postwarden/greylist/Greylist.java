package org.postwarden.greylist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks triplets against a shared {@link GreylistStore} with the {@link GreylistRules}.
 *
 * <p>An auto-whitelisted client network passes before its triplet is even read. Every passing check
 * ({@link GreylistDecision.Reason#PASSED_RETRY}, {@link GreylistDecision.Reason#KNOWN_TRIPLET} and
 * {@link GreylistDecision.Reason#AUTO_WHITELISTED_NETWORK}) adds one pass to the network and extends its
 * expiry; once the count reaches {@link GreylistConfiguration#autoWhitelistThreshold()} the network is
 * auto-whitelisted until it goes a whole expiry period without a pass. Deferrals never count. A whitelisted network
 * has a pass recorded at most once per {@link #WHITELISTED_PASS_INTERVAL}, which is all its expiry needs.
 *
 * <p>Thread-safe, and safe across nodes: triplet updates are compare-and-set, retried when another check
 * changed the record in between.
 */
public final class Greylist {
    private static final int MAX_ATTEMPTS = 5;
    /** A busy whitelisted network would otherwise cost a database write per recipient for nothing. */
    static final Duration WHITELISTED_PASS_INTERVAL = Duration.ofMinutes(1);

    private final GreylistStore store;
    private final GreylistConfiguration configuration;
    private final GreylistRules rules;
    private final Clock clock;
    private final GreylistStatistics statistics = new GreylistStatistics();

    public Greylist(GreylistStore store, GreylistConfiguration configuration, Clock clock) {
        this.store = store;
        this.configuration = configuration;
        this.rules = new GreylistRules(configuration);
        this.clock = clock;
    }

    /**
     * @throws GreylistStoreException when the store fails; the caller should then accept the recipient, and count
     *     the failure: {@link GreylistGate} does, once per recipient, whichever of its steps failed
     */
    public GreylistDecision check(GreylistTriplet triplet) {
        GreylistDecision decision = decide(triplet, clock.instant());
        statistics.record(decision);
        return decision;
    }

    public GreylistStatistics statistics() {
        return statistics;
    }

    public GreylistConfiguration configuration() {
        return configuration;
    }

    private GreylistDecision decide(GreylistTriplet triplet, Instant now) {
        if (configuration.autoWhitelistEnabled()) {
            Optional<NetworkPasses> passes = store.networkPasses(triplet.network());
            if (rules.isAutoWhitelisted(passes, now)) {
                if (passes.get().lastPass().isBefore(now.minus(WHITELISTED_PASS_INTERVAL))) {
                    recordPass(triplet, now);
                }
                return GreylistDecision.pass(GreylistDecision.Reason.AUTO_WHITELISTED_NETWORK);
            }
        }
        GreylistDecision decision = updateTriplet(triplet, now);
        if (decision.isPass()) {
            recordPass(triplet, now);
        }
        return decision;
    }

    private GreylistDecision updateTriplet(GreylistTriplet triplet, Instant now) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Versioned<TripletRecord>> stored = store.triplet(triplet);
            GreylistRules.Transition transition = rules.evaluate(stored.map(Versioned::value), now);
            if (transition.next().isEmpty()
                || store.compareAndSet(triplet, stored.map(Versioned::version), transition.next().get())) {
                return transition.decision();
            }
        }
        throw new GreylistStoreException("Triplet " + triplet + " changed concurrently " + MAX_ATTEMPTS + " times");
    }

    private void recordPass(GreylistTriplet triplet, Instant now) {
        if (configuration.autoWhitelistEnabled()) {
            store.recordNetworkPass(triplet.network(), now, now.plus(configuration.expiry()));
        }
    }
}
