package org.postwarden.greylist;

/** A stored value with the version a compare-and-set must quote to replace it. */
public record Versioned<T>(T value, long version) {
}
