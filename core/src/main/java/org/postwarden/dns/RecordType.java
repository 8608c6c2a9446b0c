package org.postwarden.dns;

/** The DNS record types Postwarden features query. */
public enum RecordType {
    A,
    AAAA,
    MX,
    TXT,
    PTR,
    CNAME,
    NS
}
