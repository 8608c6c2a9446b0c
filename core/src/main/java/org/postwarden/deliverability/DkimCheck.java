package org.postwarden.deliverability;

import java.util.List;
import java.util.Objects;
import org.postwarden.dkim.keys.DkimKey;
import org.postwarden.dkim.keys.DkimKeyManager;
import org.postwarden.dkim.keys.DkimKeyStoreException;
import org.postwarden.dkim.keys.DnsCheck;
import org.postwarden.dkim.keys.KeyState;

/** DKIM (RFC 6376): the domain has an ACTIVE signing key, and DNS publishes each ACTIVE key as it is. */
public final class DkimCheck implements Check {
    static final String NAME = "dkim";

    private final DkimKeyManager keys;

    public DkimCheck(DkimKeyManager keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public List<Finding> examine(Target target) {
        List<DkimKey> active;
        try {
            active = keys.keys(target.domain()).stream().filter(key -> key.state() == KeyState.ACTIVE).toList();
        } catch (DkimKeyStoreException e) {
            return List.of(Finding.fail(NAME, "cannot read the DKIM keys of " + target.domain() + ": " + e.getMessage()));
        }
        if (active.isEmpty()) {
            return List.of(Finding.fail(NAME, "no active DKIM key for " + target.domain()
                + ": mail leaves unsigned; generate one with POST /postwarden/dkim/domains/" + target.domain()
                + "/keys, publish its record, then activate it"));
        }
        return active.stream().map(key -> finding(key, keys.dnsCheck(key.domain(), key.selector()))).toList();
    }

    private static Finding finding(DkimKey key, DnsCheck check) {
        String subject = "selector " + key.selector() + " (" + key.algorithm().tagValue() + "): ";
        SuggestedRecord record = SuggestedRecord.txt(check.name(), check.expectedRecord());
        return switch (check.status()) {
            case MATCH -> Finding.pass(NAME, subject + check.message());
            case TEMPFAIL -> Finding.warn(NAME, subject + "temporary DNS failure: " + check.message() + "; check again later");
            case MISSING -> Finding.fail(NAME, subject + check.message() + ": signatures cannot be verified")
                .publishing(record);
            case MISMATCH -> Finding.fail(NAME, subject + check.message() + ": signatures fail verification")
                .publishing(record);
        };
    }
}
