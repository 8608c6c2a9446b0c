package org.postwarden.dns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** Converts dnsjava records to Postwarden's record types. */
final class DnsJavaRecords {
    private DnsJavaRecords() {
    }

    static int type(RecordType type) {
        return Type.value(type.name());
    }

    /** Keeps only records of the asked type: a lookup's answer may carry others, like RRSIGs. */
    static List<DnsRecord> convert(Record[] answers, RecordType type) {
        return Arrays.stream(answers)
            .filter(record -> record.getType() == type(type))
            .map(record -> convert(record, type))
            .toList();
    }

    private static DnsRecord convert(Record record, RecordType type) {
        return switch (type) {
            case A -> new AddressRecord(((ARecord) record).getAddress());
            case AAAA -> new AddressRecord(((AAAARecord) record).getAddress());
            case MX -> new MxRecord(((MXRecord) record).getPriority(), name(((MXRecord) record).getTarget()));
            case TXT -> new TextRecord(text((TXTRecord) record));
            case PTR -> new NameRecord(type, name(((PTRRecord) record).getTarget()));
            case CNAME -> new NameRecord(type, name(((CNAMERecord) record).getTarget()));
            case NS -> new NameRecord(type, name(((NSRecord) record).getTarget()));
        };
    }

    private static String name(Name name) {
        return name.toString(true);
    }

    /**
     * Joins the raw character-strings (RFC 7208 §3.3): dnsjava's getStrings() would escape quotes
     * and backslashes. Bytes are joined before decoding so a UTF-8 sequence may span strings.
     */
    private static String text(TXTRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        record.getStringsAsByteArrays().forEach(bytes::writeBytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
