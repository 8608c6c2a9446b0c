package org.postwarden.srs;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.postwarden.srs.keys.SrsKeyring;
import org.postwarden.store.FailOpen;
import org.postwarden.store.StoreUnavailableException;
import org.postwarden.throttle.Acquisition;
import org.postwarden.throttle.RateLimits;
import org.postwarden.throttle.ThrottleDecision;
import org.postwarden.throttle.ThrottleKey;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.Throttler;
import org.postwarden.throttle.WindowSpec;

import com.google.common.hash.Hashing;

/**
 * Everything that happens to a recipient that is one of our SRS addresses, so that such an address returns bounces
 * to the original sender and relays nothing else (the SMTP hook only translates the {@link ReverseSrsDecision}):
 * <ol>
 *   <li>the hash and age are checked; a bad hash or a malformed address counts as an unknown recipient in the
 *   harvesting defence ({@link Throttler#checkRecipient}), so a client guessing hashes is cut off like one
 *   guessing user names, and a client cut off is refused even for valid addresses;</li>
 *   <li>the sender must be the null reverse-path, unless {@link ReverseSrsPolicy#acceptsAutoReplies()}, in which
 *   case the message is checked at the end of DATA ({@link #atData});</li>
 *   <li>the return counts against {@code reverse.perAddress} and {@code reverse.perClient} in the throttle store,
 *   shared by the nodes that share it.</li>
 * </ol>
 * A failing throttle store skips the counting (fail open, as throttling does): the hash and sender checks stand.
 */
public final class ReverseSrsGate {
    /** Counter names after {@code #} in the throttle store's buckets. */
    private static final String ADDRESS_PREFIX = "srs-address:";
    private static final String RETURNS = "srs-returns";

    private final SrsKeyring keyring;
    private final SrsConfiguration configuration;
    private final Throttler throttler;
    private final ThrottleStore store;
    private final Clock clock;

    public ReverseSrsGate(SrsKeyring keyring, SrsConfiguration configuration, Throttler throttler,
                          ThrottleStore store, Clock clock) {
        this.keyring = keyring;
        this.configuration = configuration;
        this.throttler = throttler;
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param nullSender whether MAIL FROM was {@code <>}
     * @param clientIp the client's address literal
     * @param user the authenticated account, or null
     */
    public ReverseSrsDecision atRcpt(String recipient, boolean nullSender, String clientIp, String user) {
        if (!configuration.isOurs(recipient)) {
            return ReverseSrsDecision.of(ReverseSrsDecision.Verdict.NOT_OURS, "not an SRS address of ours");
        }
        SrsException invalid = null;
        try {
            keyring.srs().reverse(recipient);
        } catch (SrsException e) {
            if (e.reason() == SrsException.Reason.NOT_SRS) {
                return ReverseSrsDecision.of(ReverseSrsDecision.Verdict.NOT_OURS, e.getMessage());
            }
            invalid = e;
        }
        // An expired address carries a hash we wrote: a late bounce, not a guess.
        boolean guess = invalid != null && invalid.reason() != SrsException.Reason.EXPIRED;
        String storeFailure = "";
        try {
            ThrottleDecision harvest = throttler.checkRecipient(user, clientIp, !guess);
            if (!harvest.allowed()) {
                return new ReverseSrsDecision(ReverseSrsDecision.Verdict.HARVESTING,
                    "Too many unknown recipients, please retry in " + seconds(harvest.retryAfter()) + " seconds",
                    harvest.retryAfter(), "");
            }
        } catch (StoreUnavailableException e) {
            storeFailure = FailOpen.reason(e);
        }
        ReverseSrsDecision decision = decide(recipient, nullSender, clientIp, invalid);
        return storeFailure.isEmpty() ? decision : decision.failedOpen(storeFailure);
    }

    private ReverseSrsDecision decide(String recipient, boolean nullSender, String clientIp, SrsException invalid) {
        if (invalid != null) {
            return ReverseSrsDecision.of(ReverseSrsDecision.Verdict.UNKNOWN_ADDRESS,
                "<" + recipient + ">: invalid SRS address (" + invalid.reason().label() + ")");
        }
        if (!nullSender && !configuration.reverse().acceptsAutoReplies()) {
            return ReverseSrsDecision.of(ReverseSrsDecision.Verdict.NOT_A_RETURN,
                "<" + recipient + ">: this SRS address accepts only bounces (MAIL FROM:<>)");
        }
        ReverseSrsDecision.Verdict accepted = nullSender ? ReverseSrsDecision.Verdict.ACCEPT
            : ReverseSrsDecision.Verdict.ACCEPT_IF_AUTOMATIC;
        return FailOpen.orElse(() -> countReturn(recipient, clientIp, accepted),
            failure -> ReverseSrsDecision.of(accepted, "Recipient <" + recipient + "> OK").failedOpen(FailOpen.reason(failure)));
    }

    private ReverseSrsDecision countReturn(String recipient, String clientIp, ReverseSrsDecision.Verdict accepted) {
        List<WindowSpec> windows = new ArrayList<>();
        windows(windows, addressBucket(recipient), configuration.reverse().perAddress());
        windows(windows, ThrottleKey.clientIp(clientIp).bucket(RETURNS), configuration.reverse().perClient());
        Acquisition acquisition = windows.isEmpty() ? Acquisition.ALLOWED : store.acquire(windows, clock.instant());
        if (acquisition.allowed()) {
            return ReverseSrsDecision.of(accepted, "Recipient <" + recipient + "> OK");
        }
        WindowSpec full = acquisition.deniedBy().orElseThrow();
        String what = full.bucket().startsWith(ADDRESS_PREFIX) ? "this SRS address" : "your address";
        return new ReverseSrsDecision(ReverseSrsDecision.Verdict.OVER_LIMIT, "Too many returns to " + what + " ("
            + full.limit() + "), please retry in " + seconds(acquisition.retryAfter()) + " seconds",
            acquisition.retryAfter(), "");
    }

    /**
     * Whether a message accepted with {@link ReverseSrsDecision.Verdict#ACCEPT_IF_AUTOMATIC} may go on.
     *
     * @param autoSubmitted its first {@code Auto-Submitted} header field's value, or null when it has none
     */
    public ReverseSrsDecision atData(String autoSubmitted) {
        if (ReverseSrsPolicy.isAutomatic(autoSubmitted)) {
            return ReverseSrsDecision.of(ReverseSrsDecision.Verdict.ACCEPT, "automatic reply");
        }
        return ReverseSrsDecision.of(ReverseSrsDecision.Verdict.NOT_A_RETURN, "An SRS address accepts only bounces"
            + " and automatic replies (RFC 3834 Auto-Submitted), and this message is neither");
    }

    private static void windows(List<WindowSpec> windows, String bucket, RateLimits limits) {
        limits.limits().forEach(limit -> windows.add(new WindowSpec(bucket, limit, 1)));
    }

    /** One counter per address whatever the case it comes back in; long addresses by their SHA-256. */
    private static String addressBucket(String recipient) {
        String address = recipient.toLowerCase(Locale.ROOT);
        if (address.length() > ThrottleKey.MAX_VALUE_LENGTH) {
            address = "sha256:" + Hashing.sha256().hashString(address, StandardCharsets.UTF_8);
        }
        return ADDRESS_PREFIX + address + "#" + RETURNS;
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
