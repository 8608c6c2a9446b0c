package org.postwarden.dkim.keys;

/**
 * Where a signing key is in its life. Keys only move forward:
 * <pre>
 * PENDING --activate--&gt; ACTIVE --retire / superseded--&gt; RETIRING --grace period--&gt; RETIRED
 *    \---------------------------retire (never used)------------------------------^
 * </pre>
 */
public enum KeyState {
    /** Generated or imported; its record may not be in DNS yet. Never signs. */
    PENDING,
    /** Signs outbound mail (at most one per domain and algorithm is used). */
    ACTIVE,
    /** No longer signs, but mail signed with it is still in flight: its DNS record must stay published. */
    RETIRING,
    /** Done; its DNS record may be removed. */
    RETIRED
}
