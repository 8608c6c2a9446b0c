package org.postwarden.deliverability;

import java.util.Objects;
import java.util.Optional;
import org.postwarden.dns.RecordType;

/**
 * What one check found.
 *
 * @param check       the check's name, such as {@code spf}
 * @param explanation one line for operators: what is right or what is wrong
 * @param publish     the DNS record that fixes a warning or failure, when one does
 */
public record Finding(String check, Status status, String explanation, Optional<SuggestedRecord> publish) {
    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(publish, "publish");
    }

    public static Finding pass(String check, String explanation) {
        return new Finding(check, Status.PASS, explanation, Optional.empty());
    }

    public static Finding warn(String check, String explanation) {
        return new Finding(check, Status.WARN, explanation, Optional.empty());
    }

    public static Finding fail(String check, String explanation) {
        return new Finding(check, Status.FAIL, explanation, Optional.empty());
    }

    /** A DNS failure worth retrying: the setting could not be checked, which is not known to be wrong. */
    public static Finding temporaryDnsFailure(String check, RecordType type, String name, String reason) {
        return warn(check, "temporary DNS failure looking up " + type + " " + name + " (" + reason + "); check again later");
    }

    public Finding publishing(SuggestedRecord record) {
        return new Finding(check, status, explanation, Optional.of(record));
    }
}
