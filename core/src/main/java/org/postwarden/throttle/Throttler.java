package org.postwarden.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Sender throttling, as the SMTP hooks and the outgoing queue ask for it; {@link ThrottlePolicy} says which
 * limits apply, the stores keep counts, and the decisions are made here. Store failures surface as
 * {@link ThrottleStoreException}: wrap a shared store in a {@link FallbackThrottleStore} to keep limiting locally
 * instead.
 *
 * <p>Counters of a key, named after {@code #} in its buckets: {@code messages} and {@code recipients} for its
 * limits, {@code attempts-messages} and {@code attempts-recipients} for the hard threshold of an account,
 * {@code unknown-recipients} and {@code harvest-block} for harvesting.
 */
public final class Throttler {
    private static final String ATTEMPTS = "attempts-";
    private static final String UNKNOWN_RECIPIENTS = "unknown-recipients";
    private static final String HARVEST_BLOCK = "harvest-block";
    private static final List<String> COUNTERS = List.of("messages", "recipients", ATTEMPTS + "messages",
        ATTEMPTS + "recipients", UNKNOWN_RECIPIENTS, HARVEST_BLOCK);

    private final ThrottlePolicy policy;
    private final ThrottleStore store;
    private final OverrideStore overrides;
    private final SuspensionStore suspensions;
    private final Clock clock;

    public Throttler(ThrottlePolicy policy, ThrottleStore store, OverrideStore overrides,
                     SuspensionStore suspensions, Clock clock) {
        this.policy = policy;
        this.store = store;
        this.overrides = overrides;
        this.suspensions = suspensions;
        this.clock = clock;
    }

    /**
     * Counts a message in the windows of its account, sender domain and client address, all of them or none.
     * An account over its hard threshold is suspended; a suspended account is refused.
     *
     * @param user the authenticated account, or null
     * @param senderDomain the envelope sender's domain (or address), or null or "" for the null sender
     * @param clientIp the client's address literal
     * @param accountCreated when the account was created, or null when unknown: such accounts are not new
     */
    public ThrottleDecision checkSender(String user, String senderDomain, String clientIp, int recipients,
                                        Instant accountCreated) {
        return check(user, senderDomain, clientIp, recipients, accountCreated, UnaryOperator.identity());
    }

    /**
     * Counts one more recipient of a message {@link #checkSender} already counted: in the same {@code recipients}
     * and {@code attempts-recipients} counters of every key, and no message. Same parameters as
     * {@link #checkSender}.
     */
    public ThrottleDecision checkAnotherRecipient(String user, String senderDomain, String clientIp,
                                                  Instant accountCreated) {
        return check(user, senderDomain, clientIp, 1, accountCreated, Quota::recipientsOnly);
    }

    /** @param counted the part of each quota this check consumes */
    private ThrottleDecision check(String user, String senderDomain, String clientIp, int recipients,
                                   Instant accountCreated, UnaryOperator<Quota> counted) {
        Instant now = clock.instant();
        List<WindowSpec> windows = new ArrayList<>();
        if (user != null) {
            ThrottleKey account = ThrottleKey.user(user);
            List<WindowSpec> accountWindows = counted.apply(tier(account, accountCreated, now).quota())
                .windows(account, "", recipients);
            Optional<ThrottleDecision> suspended = suspension(account, accountWindows,
                counted.apply(policy.suspension()), recipients, now);
            if (suspended.isPresent()) {
                return suspended.get();
            }
            windows.addAll(accountWindows);
        }
        if (senderDomain != null && !senderDomain.isBlank()) {
            ThrottleKey domain = ThrottleKey.senderDomain(senderDomain);
            windows.addAll(counted.apply(policy.senderDomains().forDomain(domain.value()))
                .windows(domain, "", recipients));
        }
        windows.addAll(counted.apply(policy.clientIps()).windows(ThrottleKey.clientIp(clientIp), "", recipients));
        if (windows.isEmpty()) {
            return ThrottleDecision.allow();
        }
        Acquisition acquisition = store.acquire(windows, now);
        return switch (acquisition.status()) {
            case ALLOWED -> ThrottleDecision.allow();
            case DENIED -> ThrottleDecision.tempfail("rate limit " + acquisition.deniedBy().orElseThrow()
                + " reached", acquisition.retryAfter());
            case OVER_CAPACITY -> ThrottleDecision.refuse("more than rate limit "
                + acquisition.deniedBy().orElseThrow() + " allows at once");
        };
    }

    /**
     * Harvesting defence, for every recipient: a client (the account when authenticated, else the address) that
     * names more unknown recipients than {@code harvest.recipients} allows is refused for {@code harvest.block},
     * for known recipients too so that it learns nothing. The caller still rejects unknown recipients itself.
     */
    public ThrottleDecision checkRecipient(String user, String clientIp, boolean recipientExists) {
        if (policy.harvest().isEmpty()) {
            return ThrottleDecision.allow();
        }
        Instant now = clock.instant();
        ThrottleKey client = user != null ? ThrottleKey.user(user) : ThrottleKey.clientIp(clientIp);
        WindowSpec block = new WindowSpec(client.bucket(HARVEST_BLOCK), policy.harvestBlockWindow(), 1);
        WindowUsage blocked = store.peek(List.of(block), now).get(0);
        if (blocked.used() > 0) {
            return ThrottleDecision.tempfail(client + " is refused for naming too many unknown recipients",
                blocked.drainsIn());
        }
        if (recipientExists) {
            return ThrottleDecision.allow();
        }
        List<WindowSpec> probes = policy.harvest().limits().stream()
            .map(limit -> new WindowSpec(client.bucket(UNKNOWN_RECIPIENTS), limit, 1))
            .toList();
        Acquisition probe = store.acquire(probes, now);
        if (probe.allowed()) {
            return ThrottleDecision.allow();
        }
        store.acquire(List.of(block), now);
        return ThrottleDecision.tempfail(client + " named more unknown recipients than "
            + probe.deniedBy().orElseThrow().limit() + " allows", policy.harvestBlock());
    }

    /**
     * Outbound pacing: how long a message to the domain must wait in the queue before it fits the domain's
     * {@code destination} limits; zero when it may go now, which counts it. Ask again once the delay is over.
     */
    public Duration delayFor(String destinationDomain) {
        ThrottleKey destination = ThrottleKey.destinationDomain(destinationDomain);
        List<WindowSpec> windows = policy.destinations().forDomain(destination.value()).windows(destination, "", 1);
        return windows.isEmpty() ? Duration.ZERO : store.acquire(windows, clock.instant()).retryAfter();
    }

    /** The limits that apply to the account now. */
    public Tier tier(String user, Instant accountCreated) {
        return tier(ThrottleKey.user(user), accountCreated, clock.instant());
    }

    /** The usage of the account's limits and hard threshold, consuming nothing. */
    public List<WindowUsage> usage(String user, Instant accountCreated) {
        ThrottleKey account = ThrottleKey.user(user);
        Instant now = clock.instant();
        List<WindowSpec> windows = new ArrayList<>(tier(account, accountCreated, now).quota().windows(account, "", 1));
        windows.addAll(policy.suspension().windows(account, ATTEMPTS, 1));
        return store.peek(windows, now);
    }

    /** Lifts a suspension and clears the account's counters, lest the next message suspend it again at once. */
    public Optional<SuspensionEvent> unsuspend(String user, String reason) {
        ThrottleKey account = ThrottleKey.user(user);
        Optional<SuspensionEvent> event = suspensions.unsuspend(account, reason, clock.instant());
        event.ifPresent(lifted -> resetCounters(account));
        return event;
    }

    /** Forgets every counter of the key: unblocks a harvesting client, gives an account a fresh start. */
    public void resetCounters(ThrottleKey key) {
        COUNTERS.forEach(counter -> store.reset(key.bucket(counter)));
    }

    private Tier tier(ThrottleKey account, Instant accountCreated, Instant now) {
        return policy.tier(account, overrides.override(account), Optional.ofNullable(accountCreated), now);
    }

    /** The suspension in force or just decided, if any; counts the attempt towards the hard threshold. */
    private Optional<ThrottleDecision> suspension(ThrottleKey account, List<WindowSpec> accountWindows,
                                                  Quota hardThreshold, int recipients, Instant now) {
        Optional<SuspensionEvent> current = suspensions.suspension(account);
        if (current.isPresent() || hardThreshold.isEmpty()) {
            return current.map(event -> ThrottleDecision.suspended(event, false));
        }
        List<WindowSpec> threshold = hardThreshold.windows(account, ATTEMPTS, recipients);
        Acquisition attempt = store.acquire(threshold, now);
        if (attempt.allowed()) {
            return Optional.empty();
        }
        List<WindowSpec> snapshot = new ArrayList<>(accountWindows);
        snapshot.addAll(threshold);
        Map<String, Long> counters = new LinkedHashMap<>();
        store.peek(snapshot, now).forEach(usage -> counters.put(usage.label(), usage.used()));
        Optional<SuspensionEvent> created = suspensions.suspend(account,
            "exceeded the hard threshold " + attempt.deniedBy().orElseThrow(), counters, now);
        if (created.isPresent()) {
            return Optional.of(ThrottleDecision.suspended(created.get(), true));
        }
        return suspensions.suspension(account).map(event -> ThrottleDecision.suspended(event, false));
    }
}
