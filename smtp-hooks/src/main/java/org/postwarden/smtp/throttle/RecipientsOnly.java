package org.postwarden.smtp.throttle;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.postwarden.throttle.LimitTable;
import org.postwarden.throttle.NewAccountTier;
import org.postwarden.throttle.OverrideStore;
import org.postwarden.throttle.Quota;
import org.postwarden.throttle.RateLimits;
import org.postwarden.throttle.SuspensionStore;
import org.postwarden.throttle.ThrottleKey;
import org.postwarden.throttle.ThrottlePolicy;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.Throttler;

/**
 * A {@link Throttler} over the same stores whose policy keeps only the recipient limits: its
 * {@link Throttler#checkSender} counts one more recipient of a message already counted, in the same
 * {@code #recipients} and {@code #attempts-recipients} counters, and no message.
 */
final class RecipientsOnly {
    private RecipientsOnly() {
    }

    static Throttler throttler(ThrottlePolicy policy, ThrottleStore store, OverrideStore overrides,
                               SuspensionStore suspensions, Clock clock) {
        return new Throttler(policy(policy), store, new RecipientOverrides(overrides), suspensions, clock);
    }

    static ThrottlePolicy policy(ThrottlePolicy policy) {
        NewAccountTier newAccounts = policy.newAccounts();
        return new ThrottlePolicy(table(policy.users()),
            new NewAccountTier(newAccounts.age(), Optional.of(RateLimits.NONE), newAccounts.recipients()),
            table(policy.senderDomains()), quota(policy.clientIps()), policy.destinations(),
            quota(policy.suspension()), policy.harvest(), policy.harvestBlock());
    }

    private static Quota quota(Quota quota) {
        return new Quota(RateLimits.NONE, quota.recipients());
    }

    private static LimitTable table(LimitTable table) {
        Map<String, Quota> domains = new LinkedHashMap<>();
        table.domains().forEach((domain, quota) -> domains.put(domain, quota(quota)));
        return new LimitTable(quota(table.defaults()), domains);
    }

    /** Reads overrides without their message limits; never writes. */
    private record RecipientOverrides(OverrideStore delegate) implements OverrideStore {
        @Override
        public Optional<Quota> override(ThrottleKey user) {
            return delegate.override(user).map(RecipientsOnly::quota);
        }

        @Override
        public void setOverride(ThrottleKey user, Quota quota) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public boolean removeOverride(ThrottleKey user) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public Map<String, Quota> overrides() {
            return delegate.overrides();
        }
    }
}
