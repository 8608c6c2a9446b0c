package org.postwarden.throttle;

import com.google.common.base.Preconditions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.postwarden.config.ConfigFile;

/**
 * Which limits apply to what. Limits are {@link RateLimits} lists such as {@code 5/1m, 100/1h, 500/1d}, or
 * {@code none}. Properties read by {@link #from(Map)}, all optional:
 * <ul>
 *   <li>{@code user.messages}, {@code user.recipients}: per authenticated account (none). Accounts of a domain
 *   with {@code user.<domain>.messages} or {@code user.<domain>.recipients} get those instead, unit by unit.</li>
 *   <li>{@code newAccount.age} (7d; 0 turns the tier off), {@code newAccount.messages} (10/1d),
 *   {@code newAccount.recipients} (the regular tier's): limits of accounts younger than the age.</li>
 *   <li>{@code senderDomain.messages}, {@code senderDomain.recipients}, and per domain
 *   {@code senderDomain.<domain>.messages}...: per envelope sender domain, all its senders together (none).</li>
 *   <li>{@code ip.messages}, {@code ip.recipients}: per client address, IPv6 by /64, authenticated or not (none).</li>
 *   <li>{@code destination.messages}, {@code destination.<domain>.messages}: outbound pacing per destination
 *   domain (none).</li>
 *   <li>{@code suspend.messages}, {@code suspend.recipients}: the hard threshold of an account, counted on every
 *   attempt including refused ones; exceeding it suspends the account (none: no automatic suspension).</li>
 *   <li>{@code harvest.recipients} (20/10m): unknown recipients per client, the account when authenticated and
 *   the address otherwise; {@code harvest.block} (30m): how long a client exceeding it is refused.</li>
 * </ul>
 * Precedence for an account: a per-user override, then the new account tier, then its domain's, then the default.
 * Unknown keys within these scopes are errors; the other keys of throttle.properties are {@link ThrottleConfig}'s.
 */
public record ThrottlePolicy(LimitTable users, NewAccountTier newAccounts, LimitTable senderDomains,
                             Quota clientIps, LimitTable destinations, Quota suspension, RateLimits harvest,
                             Duration harvestBlock) {
    public static final ThrottlePolicy DEFAULT = new ThrottlePolicy(LimitTable.NONE, NewAccountTier.DEFAULT,
        LimitTable.NONE, Quota.NONE, LimitTable.NONE, Quota.NONE, RateLimits.parse("20/10m"),
        Duration.ofMinutes(30));

    public ThrottlePolicy {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(newAccounts, "newAccounts");
        Objects.requireNonNull(senderDomains, "senderDomains");
        Objects.requireNonNull(clientIps, "clientIps");
        Objects.requireNonNull(destinations, "destinations");
        Objects.requireNonNull(suspension, "suspension");
        Objects.requireNonNull(harvest, "harvest");
        Preconditions.checkArgument(harvestBlock.compareTo(Duration.ofMillis(1)) >= 0,
            "harvest.block must be at least 1ms, got %s", harvestBlock);
    }

    /** Missing keys take the {@link #DEFAULT} values; bad keys and values throw {@link IllegalArgumentException}. */
    public static ThrottlePolicy from(Map<String, String> properties) {
        return from(ConfigFile.of(ThrottleConfig.FILE, properties));
    }

    public static ThrottlePolicy from(ConfigFile file) {
        return file.check(() -> ThrottlePolicyParser.parse(file));
    }

    /** The limits of an account: see the class comment for the precedence. */
    public Tier tier(ThrottleKey user, Optional<Quota> override, Optional<Instant> accountCreated, Instant now) {
        if (override.isPresent()) {
            return new Tier("override", override.get());
        }
        String domain = user.domainPart();
        Tier regular = users.domain(domain)
            .map(quota -> new Tier("domain:" + domain, quota))
            .orElseGet(() -> new Tier("default", users.defaults()));
        if (newAccounts.applies(accountCreated, now)) {
            return new Tier("new-account", newAccounts.over(regular.quota()));
        }
        return regular;
    }

    /** The window that keeps a harvesting client refused: full once started, empty after {@link #harvestBlock}. */
    public RateLimit harvestBlockWindow() {
        return new RateLimit("blocked for " + harvestBlock, 1, harvestBlock);
    }
}
