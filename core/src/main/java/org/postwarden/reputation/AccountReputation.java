package org.postwarden.reputation;

/** One account's counts within the window. */
public record AccountReputation(String account, ReputationCounts counts) {
}
