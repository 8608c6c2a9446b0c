package org.postwarden.dns;

/** One resource record's data; the owner name is the name that was looked up. */
public sealed interface DnsRecord permits AddressRecord, MxRecord, TextRecord, NameRecord {
    RecordType type();
}
