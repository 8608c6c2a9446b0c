package org.postwarden.webadmin.quarantine;

import java.util.List;
import org.postwarden.quarantine.QuarantinedMail;

/** The JSON of the quarantine routes. Dates are ISO-8601 instants; score and threshold are null when spamd gave none. */
final class QuarantineViews {
    private QuarantineViews() {
    }

    record Summary(String key, String sender, List<String> targets, String reason, Double score, Double threshold,
                   String receivedAt, String subject) {
        static Summary of(QuarantinedMail mail) {
            return new Summary(mail.key(), mail.sender(), mail.targets(), mail.reason(), mail.score().orElse(null),
                mail.threshold().orElse(null), mail.receivedAt().map(Object::toString).orElse(null), mail.subject());
        }
    }

    record Details(String key, String sender, List<String> targets, String reason, Double score, Double threshold,
                   String receivedAt, String subject, List<String> headers, String report) {
        static Details of(QuarantinedMail mail) {
            return new Details(mail.key(), mail.sender(), mail.targets(), mail.reason(), mail.score().orElse(null),
                mail.threshold().orElse(null), mail.receivedAt().map(Object::toString).orElse(null), mail.subject(),
                mail.headers(), mail.report());
        }
    }
}
