package org.postwarden.mtasts;

/** Fetches the current policy of a policy domain (RFC 8461 §3.3). */
@FunctionalInterface
public interface PolicyFetcher {
    /** @throws MtaStsException when no valid policy could be fetched, whatever the reason */
    MtaStsPolicy fetch(String domain) throws MtaStsException;
}
