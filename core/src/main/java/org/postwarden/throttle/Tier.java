package org.postwarden.throttle;

/**
 * The limits that apply to an account, and where they come from.
 *
 * @param name {@code override}, {@code new-account}, {@code domain:<domain>} or {@code default}
 */
public record Tier(String name, Quota quota) {
}
