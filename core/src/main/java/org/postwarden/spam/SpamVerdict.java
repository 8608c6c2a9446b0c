package org.postwarden.spam;

/**
 * What spamd said about a message: {@code spam} when {@code score >= threshold}, the threshold being spamd's own
 * ({@code required_score}) or the one the caller configured. {@code report} is the body of the answer: the
 * rule report for {@code REPORT}, the comma-separated rule names for {@code SYMBOLS}.
 */
public record SpamVerdict(boolean spam, double score, double threshold, String report) {

    /** The same answer judged against another threshold. */
    public SpamVerdict withThreshold(double newThreshold) {
        return new SpamVerdict(score >= newThreshold, score, newThreshold, report);
    }
}
