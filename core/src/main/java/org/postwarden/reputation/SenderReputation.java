package org.postwarden.reputation;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.postwarden.throttle.SuspensionEvent;
import org.postwarden.throttle.SuspensionStore;
import org.postwarden.throttle.ThrottleKey;

/**
 * The outbound reputation guard: counts what accounts send and what becomes of it over a sliding window, and
 * suspends an account whose bad share {@link ReputationPolicy} condemns, with the throttling feature's suspension
 * (refused at MAIL until an administrator lifts it). Accounts are counted by their normalised name
 * ({@link ThrottleKey#user}); an empty account is mail that counts server-wide only.
 */
public final class SenderReputation {
    private final ReputationPolicy policy;
    private final ReputationStore store;
    private final SuspensionStore suspensions;
    private final Consumer<SuspensionEvent> onSuspension;
    private final Clock clock;

    /** @param onSuspension told of each suspension this decides, once: tells the postmaster */
    public SenderReputation(ReputationPolicy policy, ReputationStore store, SuspensionStore suspensions,
                            Consumer<SuspensionEvent> onSuspension, Clock clock) {
        this.policy = policy;
        this.store = store;
        this.suspensions = suspensions;
        this.onSuspension = onSuspension;
        this.clock = clock;
    }

    public ReputationPolicy policy() {
        return policy;
    }

    /** Counts mail handed to the relay, one unit per remote recipient. */
    public void sent(Optional<String> account, int recipients) {
        store.add(key(account), Outcome.SENT, recipients, bucket(clock.instant()));
    }

    /**
     * Counts recipients the mail did not reach, then judges the account.
     *
     * @return the suspension this decided, already passed to {@code onSuspension}; empty when the account stays
     *     as it was
     */
    public Optional<SuspensionEvent> failed(Optional<String> account, Outcome outcome, int recipients) {
        if (outcome == Outcome.SENT) {
            throw new IllegalArgumentException("a failure cannot be " + outcome);
        }
        Instant now = clock.instant();
        String key = key(account);
        store.add(key, outcome, recipients, bucket(now));
        if (key.equals(ReputationStore.UNATTRIBUTED) || !policy.suspend()) {
            return Optional.empty();
        }
        ReputationCounts counts = store.counts(key, from(now));
        if (!policy.condemns(counts)) {
            return Optional.empty();
        }
        Optional<Instant> lifted = lastUnsuspension(key).filter(at -> at.isAfter(from(now)));
        if (lifted.isPresent()) {
            counts = store.counts(key, bucket(lifted.get()).plus(policy.bucket()));
            if (!policy.condemns(counts)) {
                return Optional.empty();
            }
        }
        Optional<SuspensionEvent> suspended = suspensions.suspend(ThrottleKey.user(key), reason(counts),
            counts.asMap(), now);
        suspended.ifPresent(onSuspension);
        return suspended;
    }

    public ReputationCounts account(String account) {
        return store.counts(ThrottleKey.user(account).userName(), from(clock.instant()));
    }

    public ReputationCounts serverWide() {
        return store.serverWide(from(clock.instant()));
    }

    /** The accounts with the worst bad share first, ties broken by more bad mail, then by name. */
    public List<AccountReputation> worst(int limit) {
        return store.accounts(from(clock.instant())).entrySet().stream()
            .map(entry -> new AccountReputation(entry.getKey(), entry.getValue()))
            .sorted(Comparator.comparingDouble((AccountReputation account) -> account.counts().badShare()).reversed()
                .thenComparing(Comparator.comparingLong((AccountReputation account) -> account.counts().bad()).reversed())
                .thenComparing(AccountReputation::account))
            .limit(limit)
            .toList();
    }

    public Optional<SuspensionEvent> suspension(String account) {
        return suspensions.suspension(ThrottleKey.user(account));
    }

    /** Forgets counts that left the window; how many went. */
    public int purge() {
        return store.purgeBefore(from(clock.instant()));
    }

    /**
     * When an administrator last lifted a suspension of the account: mail before it was judged already, so only
     * mail from the next bucket on counts, lest the next bounce suspend the account again at once.
     */
    private Optional<Instant> lastUnsuspension(String account) {
        List<SuspensionEvent> history = suspensions.history(ThrottleKey.user(account));
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).action() == SuspensionEvent.Action.UNSUSPENDED) {
                return Optional.of(history.get(i).at());
            }
        }
        return Optional.empty();
    }

    private String reason(ReputationCounts counts) {
        return String.format(Locale.ROOT, "outbound reputation: %.1f%% of %d messages in %s refused, bounced or "
                + "quarantined (%d refused, %d bounced, %d quarantined), more than the %.1f%% allowed",
            counts.badShare() * 100, counts.sent(), policy.windowLabel(), counts.refused(), counts.bounced(),
            counts.quarantined(), policy.maxBadShare() * 100);
    }

    private static String key(Optional<String> account) {
        return account.map(name -> ThrottleKey.user(name).userName()).orElse(ReputationStore.UNATTRIBUTED);
    }

    private Instant bucket(Instant at) {
        long size = policy.bucket().toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), size) * size);
    }

    /** The first bucket within the window. */
    private Instant from(Instant now) {
        return bucket(now.minus(policy.window()));
    }
}
