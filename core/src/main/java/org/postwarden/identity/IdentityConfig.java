package org.postwarden.identity;

import java.util.Set;

import org.postwarden.config.ConfigFile;
import org.postwarden.identity.SenderIdentityPolicy.LocalSenderRule;

/**
 * Every key of conf/identity.properties, described on {@link SenderIdentityPolicy}: {@code domainAdmins} (none),
 * {@code unauthenticatedLocalSender} ({@code spf}), {@code subAddressDelimiter} ({@code +}; empty turns
 * sub-addresses off).
 */
public record IdentityConfig(Set<String> domainAdmins, LocalSenderRule unauthenticatedLocalSender,
                             String subAddressDelimiter) {
    public static final String FILE = "identity.properties";

    public IdentityConfig {
        domainAdmins = Set.copyOf(domainAdmins);
    }

    public static IdentityConfig from(ConfigFile file) {
        Set<String> admins = Set.copyOf(file.list("domainAdmins"));
        LocalSenderRule rule = file.choice("unauthenticatedLocalSender", LocalSenderRule.SPF, LocalSenderRule.class);
        // Empty is a value of its own here: no sub-addresses. An absent key takes the default.
        String delimiter = file.written("subAddressDelimiter").orElse(SenderIdentityPolicy.DEFAULT_SUB_ADDRESS_DELIMITER);
        if (delimiter.contains("@")) {
            throw file.error("subAddressDelimiter", delimiter, "must not contain '@'");
        }
        IdentityConfig config = new IdentityConfig(admins, rule, delimiter);
        file.rejectUnknownKeys();
        return config;
    }
}
