package org.postwarden.identity;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.postwarden.config.ConfigFile;
import org.postwarden.dkim.RawMessage;

/**
 * Who may send as whom, read from conf/identity.properties:
 * <ul>
 *   <li>an authenticated user may use as MAIL FROM, From and Sender only addresses they own: their own and the
 *   aliases pointing to them ({@link Ownership}); users listed in {@code domainAdmins} may use any address of their
 *   own domain;</li>
 *   <li>{@code subAddressDelimiter} ({@code +}): a user may also use their own addresses with a sub-address,
 *   {@code alice+news@example.com} for {@code alice@example.com}, unless that exact address is somebody's (a user or
 *   an alias source, {@link Claims}); empty turns this off;</li>
 *   <li>{@code unauthenticatedLocalSender} ({@code spf}): an unauthenticated client using one of our domains as
 *   MAIL FROM is refused, unless SPF passes for it ({@code spf}); {@code reject} always refuses, {@code allow}
 *   never does.</li>
 * </ul>
 */
public final class SenderIdentityPolicy {

    /** Whether {@code user} owns {@code address} (their own address, or an alias of theirs). */
    @FunctionalInterface
    public interface Ownership {
        boolean owns(String user, String address);
    }

    /** Whether an address is somebody's as it is spelled: a user, or the source of an alias or forward. */
    @FunctionalInterface
    public interface Claims {
        boolean isClaimed(String address);
    }

    public enum LocalSenderRule { ALLOW, SPF, REJECT }

    public static final String DEFAULT_SUB_ADDRESS_DELIMITER = "+";

    private final Ownership ownership;
    private final Set<String> domainAdmins;
    private final LocalSenderRule unauthenticatedLocalSender;
    private final String subAddressDelimiter;
    private final Claims claims;

    /** Without sub-addresses. */
    public SenderIdentityPolicy(Ownership ownership, Set<String> domainAdmins, LocalSenderRule unauthenticatedLocalSender) {
        this(ownership, domainAdmins, unauthenticatedLocalSender, "", address -> true);
    }

    public SenderIdentityPolicy(Ownership ownership, Set<String> domainAdmins, LocalSenderRule unauthenticatedLocalSender,
                                String subAddressDelimiter, Claims claims) {
        this.ownership = ownership;
        this.domainAdmins = domainAdmins.stream().map(admin -> admin.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.unauthenticatedLocalSender = unauthenticatedLocalSender;
        this.subAddressDelimiter = subAddressDelimiter;
        this.claims = claims;
    }

    public static SenderIdentityPolicy from(Map<String, String> properties, Ownership ownership) {
        return from(properties, ownership, address -> true);
    }

    public static SenderIdentityPolicy from(Map<String, String> properties, Ownership ownership, Claims claims) {
        return from(IdentityConfig.from(ConfigFile.of(IdentityConfig.FILE, properties)), ownership, claims);
    }

    public static SenderIdentityPolicy from(IdentityConfig config, Ownership ownership, Claims claims) {
        return new SenderIdentityPolicy(ownership, config.domainAdmins(), config.unauthenticatedLocalSender(),
            config.subAddressDelimiter(), claims);
    }

    public LocalSenderRule unauthenticatedLocalSender() {
        return unauthenticatedLocalSender;
    }

    public boolean mayUse(String user, String address) {
        String normalized = address.toLowerCase(Locale.ROOT);
        if (ownership.owns(user, normalized)) {
            return true;
        }
        Optional<String> base = withoutSubAddress(normalized);
        if (base.isPresent() && ownership.owns(user, base.get()) && !claims.isClaimed(normalized)) {
            return true;
        }
        String lowerUser = user.toLowerCase(Locale.ROOT);
        return domainAdmins.contains(lowerUser) && HeaderAddresses.domain(lowerUser).equals(HeaderAddresses.domain(normalized));
    }

    /** {@code alice+news@example.com} → {@code alice@example.com}; empty when there is no sub-address. */
    private Optional<String> withoutSubAddress(String address) {
        int at = address.lastIndexOf('@');
        if (subAddressDelimiter.isEmpty() || at < 0) {
            return Optional.empty();
        }
        int delimiter = address.indexOf(subAddressDelimiter);
        if (delimiter <= 0 || delimiter >= at) {
            return Optional.empty();
        }
        return Optional.of(address.substring(0, delimiter) + address.substring(at));
    }

    /** Why the From/Sender header fields of a submitted message are not the user's to use; empty when they are. */
    public Optional<String> headerViolation(String user, RawMessage message) {
        for (String field : List.of("From", "Sender")) {
            Optional<List<String>> addresses = HeaderAddresses.of(message, field);
            if (addresses.isEmpty()) {
                return Optional.of("the " + field + " header is not a valid address list");
            }
            Optional<String> foreign = addresses.get().stream().filter(address -> !mayUse(user, address)).findFirst();
            if (foreign.isPresent()) {
                return Optional.of(field + " address <" + foreign.get() + "> is not one of " + user + "'s addresses");
            }
        }
        return Optional.empty();
    }
}
