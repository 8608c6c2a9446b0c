package org.postwarden.dns;

import com.google.common.base.Preconditions;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The outcome of one lookup. Only FOUND carries records; only TEMPFAIL carries a reason such as
 * "timeout" or "SERVFAIL", the reason is empty otherwise.
 */
public record DnsAnswer(Status status, List<DnsRecord> records, String reason) {
    public enum Status {
        FOUND,
        /** The name does not exist (RCODE 3). */
        NXDOMAIN,
        /** The name exists but has no record of the asked type. */
        NODATA,
        /** Timeout, SERVFAIL or another failure worth retrying later. */
        TEMPFAIL
    }

    private static final DnsAnswer NXDOMAIN = new DnsAnswer(Status.NXDOMAIN, List.of(), "");
    private static final DnsAnswer NODATA = new DnsAnswer(Status.NODATA, List.of(), "");

    public DnsAnswer {
        Objects.requireNonNull(status, "status");
        records = List.copyOf(records);
        Objects.requireNonNull(reason, "reason");
        Preconditions.checkArgument(records.isEmpty() != (status == Status.FOUND),
            "%s answers %s records", status, status == Status.FOUND ? "need" : "have no");
        Preconditions.checkArgument(reason.isEmpty() != (status == Status.TEMPFAIL),
            "only TEMPFAIL answers have a reason");
    }

    public static DnsAnswer found(List<? extends DnsRecord> records) {
        return new DnsAnswer(Status.FOUND, List.copyOf(records), "");
    }

    public static DnsAnswer nxdomain() {
        return NXDOMAIN;
    }

    public static DnsAnswer nodata() {
        return NODATA;
    }

    public static DnsAnswer tempfail(String reason) {
        return new DnsAnswer(Status.TEMPFAIL, List.of(), reason);
    }

    public List<String> texts() {
        return recordsOf(TextRecord.class).map(TextRecord::text).toList();
    }

    public List<InetAddress> addresses() {
        return recordsOf(AddressRecord.class).map(AddressRecord::address).toList();
    }

    /** MX records, most preferred (lowest preference) first (RFC 5321 §5.1). */
    public List<MxRecord> mxRecords() {
        return recordsOf(MxRecord.class).sorted(Comparator.comparingInt(MxRecord::preference)).toList();
    }

    /** Targets of PTR, CNAME and NS records. */
    public List<String> hostnames() {
        return recordsOf(NameRecord.class).map(NameRecord::target).toList();
    }

    private <T extends DnsRecord> Stream<T> recordsOf(Class<T> kind) {
        return records.stream().filter(kind::isInstance).map(kind::cast);
    }
}
