package org.postwarden.throttle;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.postwarden.config.ConfigFile;

/** Reads the properties documented on {@link ThrottlePolicy}. */
final class ThrottlePolicyParser {
    private static final String MESSAGES = "messages";
    private static final String RECIPIENTS = "recipients";
    private static final String NEW_ACCOUNT_AGE = "newAccount.age";
    private static final String HARVEST_BLOCK = "harvest.block";

    /** Scope, the units it counts, and whether it takes per-domain limits. */
    private enum Scope {
        USER("user", Set.of(MESSAGES, RECIPIENTS), true),
        NEW_ACCOUNT("newAccount", Set.of(MESSAGES, RECIPIENTS), false),
        SENDER_DOMAIN("senderDomain", Set.of(MESSAGES, RECIPIENTS), true),
        IP("ip", Set.of(MESSAGES, RECIPIENTS), false),
        DESTINATION("destination", Set.of(MESSAGES), true),
        SUSPEND("suspend", Set.of(MESSAGES, RECIPIENTS), false),
        HARVEST("harvest", Set.of(RECIPIENTS), false);

        private static final Map<String, Scope> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toMap(scope -> scope.key, Function.identity()));

        private final String key;
        private final Set<String> units;
        private final boolean perDomain;

        Scope(String key, Set<String> units, boolean perDomain) {
            this.key = key;
            this.units = units;
            this.perDomain = perDomain;
        }
    }

    /** Limits as written: scope, then domain ("" for the scope's default), then unit. */
    private final Map<Scope, Map<String, Map<String, RateLimits>>> limits = new HashMap<>();

    private final ConfigFile file;

    private ThrottlePolicyParser(ConfigFile file) {
        this.file = file;
    }

    static ThrottlePolicy parse(ConfigFile file) {
        ThrottlePolicyParser parser = new ThrottlePolicyParser(file);
        for (Scope scope : Scope.values()) {
            file.under(scope.key).forEach(parser::read);
        }
        ThrottlePolicy defaults = ThrottlePolicy.DEFAULT;
        return new ThrottlePolicy(
            parser.table(Scope.USER),
            new NewAccountTier(file.duration(NEW_ACCOUNT_AGE, defaults.newAccounts().age()),
                parser.limit(Scope.NEW_ACCOUNT, "", MESSAGES).or(() -> defaults.newAccounts().messages()),
                parser.limit(Scope.NEW_ACCOUNT, "", RECIPIENTS)),
            parser.table(Scope.SENDER_DOMAIN),
            parser.table(Scope.IP).defaults(),
            parser.table(Scope.DESTINATION),
            parser.table(Scope.SUSPEND).defaults(),
            parser.limit(Scope.HARVEST, "", RECIPIENTS).orElse(defaults.harvest()),
            file.duration(HARVEST_BLOCK, defaults.harvestBlock()));
    }

    private void read(String key, String value) {
        int dot = key.indexOf('.');
        Scope scope = Scope.BY_KEY.get(dot < 0 ? key : key.substring(0, dot));
        if (scope == null || key.equals(NEW_ACCOUNT_AGE) || key.equals(HARVEST_BLOCK)) {
            return;
        }
        int lastDot = key.lastIndexOf('.');
        String unit = key.substring(lastDot + 1);
        String domain = lastDot > dot ? key.substring(dot + 1, lastDot) : "";
        if (dot < 0 || !scope.units.contains(unit) || (!domain.isEmpty() && !scope.perDomain)) {
            throw file.error(key, value, "unknown key: expected " + expected(scope));
        }
        if (value.isEmpty()) {
            return;
        }
        String normalised = domain.isEmpty() ? "" : ThrottleKey.destinationDomain(domain).value();
        limits.computeIfAbsent(scope, s -> new HashMap<>())
            .computeIfAbsent(normalised, d -> new HashMap<>())
            .put(unit, file.parsed(key, RateLimits.NONE, RateLimits::parse));
    }

    private Optional<RateLimits> limit(Scope scope, String domain, String unit) {
        return Optional.ofNullable(limits.getOrDefault(scope, Map.of()).getOrDefault(domain, Map.of()).get(unit));
    }

    /** Per-domain quotas take the scope's default for the unit they leave out. */
    private LimitTable table(Scope scope) {
        Quota defaults = new Quota(limit(scope, "", MESSAGES).orElse(RateLimits.NONE),
            limit(scope, "", RECIPIENTS).orElse(RateLimits.NONE));
        Map<String, Quota> domains = limits.getOrDefault(scope, Map.of()).keySet().stream()
            .filter(domain -> !domain.isEmpty())
            .collect(Collectors.toMap(Function.identity(), domain -> new Quota(
                limit(scope, domain, MESSAGES).orElse(defaults.messages()),
                limit(scope, domain, RECIPIENTS).orElse(defaults.recipients()))));
        return new LimitTable(defaults, domains);
    }

    private static String expected(Scope scope) {
        String units = scope.units.stream().sorted().collect(Collectors.joining("|"));
        String keys = scope.key + ".{" + units + "}";
        return scope.perDomain ? keys + " or " + scope.key + ".<domain>.{" + units + "}" : keys;
    }
}
