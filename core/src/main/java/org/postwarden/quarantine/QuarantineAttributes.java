package org.postwarden.quarantine;

/**
 * The mail attributes under which ForwardSpamCheck stores why a forward was quarantined, and under which a released
 * one re-enters the relay processor.
 */
public final class QuarantineAttributes {
    /** The reasons, comma separated: {@code spam}, {@code dmarc=fail}, {@code dmarc=permerror}, {@code spf=fail}, {@code unchecked}. */
    public static final String REASON = "postwarden.quarantine.reason";
    /** spamd's score and threshold (Double), and its report. */
    public static final String SCORE = "postwarden.quarantine.score";
    public static final String THRESHOLD = "postwarden.quarantine.threshold";
    public static final String REPORT = "postwarden.quarantine.report";
    /** The forward's recipients, comma separated. */
    public static final String TARGETS = "postwarden.quarantine.targets";
    /** Set by the release of a quarantined mail: the operator decided, the mail is not checked again. */
    public static final String RELEASED = "postwarden.quarantine.released";

    private QuarantineAttributes() {
    }
}
