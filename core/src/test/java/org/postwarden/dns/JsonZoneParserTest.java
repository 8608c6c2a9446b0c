package org.postwarden.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.net.InetAddresses;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class JsonZoneParserTest {
    /** Single quotes keep the fixtures readable; they become JSON double quotes. */
    private static StaticZone zone(String json) {
        return StaticZone.fromJson(json.replace('\'', '"'));
    }

    private static final StaticZone EVERY_TYPE = zone("{'example.com': [{'A': '192.0.2.1'}, {'AAAA': '2001:db8::1'},"
        + " {'MX': [10, 'mx.example.com']}, {'TXT': 'v=spf1 -all'}, {'PTR': 'host.example'},"
        + " {'NS': 'ns1.example'}], 'alias.example': [{'CNAME': 'example.com'}]}");

    @Test
    void parseShouldServeEveryRecordType() {
        assertThat(EVERY_TYPE.lookup("example.com", RecordType.A).addresses())
            .containsExactly(InetAddresses.forString("192.0.2.1"));
        assertThat(EVERY_TYPE.lookup("example.com", RecordType.AAAA).addresses())
            .containsExactly(InetAddresses.forString("2001:db8::1"));
        assertThat(EVERY_TYPE.lookup("example.com", RecordType.MX).mxRecords())
            .containsExactly(new MxRecord(10, "mx.example.com"));
        assertThat(EVERY_TYPE.lookup("example.com", RecordType.TXT).texts()).containsExactly("v=spf1 -all");
        assertThat(EVERY_TYPE.lookup("example.com", RecordType.PTR).hostnames()).containsExactly("host.example");
        assertThat(EVERY_TYPE.lookup("example.com", RecordType.NS).hostnames()).containsExactly("ns1.example");
        assertThat(EVERY_TYPE.lookup("alias.example", RecordType.CNAME).hostnames()).containsExactly("example.com");
    }

    @Test
    void txtArrayShouldBeConcatenatedIntoOneRecord() {
        StaticZone zone = zone("{'a.example': [{'TXT': ['part one ', 'part two']}]}");

        assertThat(zone.lookup("a.example", RecordType.TXT).texts()).containsExactly("part one part two");
    }

    @Test
    void eachTxtEntryShouldBeItsOwnRecord() {
        StaticZone zone = zone("{'a.example': [{'TXT': 'first'}, {'TXT': 'second'}]}");

        assertThat(zone.lookup("a.example", RecordType.TXT).texts()).containsExactly("first", "second");
    }

    @Test
    void spfShouldBeServedAsTxtWhenNameHasNoTxt() {
        StaticZone zone = zone("{'a.example': [{'SPF': 'v=spf1 mx -all'}]}");

        assertThat(zone.lookup("a.example", RecordType.TXT).texts()).containsExactly("v=spf1 mx -all");
    }

    @Test
    void spfShouldBeIgnoredWhenNameHasTxt() {
        StaticZone zone = zone("{'a.example': [{'SPF': 'v=spf1 mx -all'}, {'TXT': 'v=spf1 -all'}]}");

        assertThat(zone.lookup("a.example", RecordType.TXT).texts()).containsExactly("v=spf1 -all");
    }

    @ParameterizedTest
    @EnumSource(RecordType.class)
    void timeoutShouldFailEveryType(RecordType type) {
        StaticZone zone = zone("{'slow.example': ['TIMEOUT'], 'broken.example': ['SERVFAIL']}");

        assertThat(zone.lookup("slow.example", type)).isEqualTo(DnsAnswer.tempfail("timeout"));
        assertThat(zone.lookup("broken.example", type)).isEqualTo(DnsAnswer.tempfail("SERVFAIL"));
    }

    @Test
    void lookupShouldReturnNodataWhenNameHasOnlyOtherTypes() {
        assertThat(EVERY_TYPE.lookup("example.com", RecordType.CNAME)).isEqualTo(DnsAnswer.nodata());
        assertThat(zone("{'a.example': [{'A': '192.0.2.1'}]}").lookup("a.example", RecordType.TXT))
            .isEqualTo(DnsAnswer.nodata());
    }

    @Test
    void lookupShouldReturnNxdomainWhenNameUnknown() {
        assertThat(EVERY_TYPE.lookup("unknown.example", RecordType.A)).isEqualTo(DnsAnswer.nxdomain());
    }

    @Test
    void lookupShouldFollowCnameChain() {
        StaticZone zone = zone("{'www.example': [{'CNAME': 'web.example'}], 'web.example': [{'CNAME': 'host.example'}],"
            + " 'host.example': [{'A': '192.0.2.7'}]}");

        assertThat(zone.lookup("www.example", RecordType.A).addresses())
            .containsExactly(InetAddresses.forString("192.0.2.7"));
    }

    @Test
    void lookupShouldReturnTempfailWhenCnameLoops() {
        StaticZone zone = zone("{'a.example': [{'CNAME': 'b.example'}], 'b.example': [{'CNAME': 'a.example'}]}");

        assertThat(zone.lookup("a.example", RecordType.TXT)).isEqualTo(DnsAnswer.tempfail("cname loop"));
    }

    @Test
    void ipLiteralKeysShouldAnswerReverseLookups() {
        StaticZone zone = zone("{'192.0.2.1': [{'PTR': 'mail.example.com'}],"
            + " '2001:db8::1': [{'PTR': 'v6.example.com'}]}");

        assertThat(zone.reverse(InetAddresses.forString("192.0.2.1")).hostnames())
            .containsExactly("mail.example.com");
        assertThat(zone.reverse(InetAddresses.forString("2001:db8::1")).hostnames())
            .containsExactly("v6.example.com");
    }

    @Test
    void reverseNameKeysShouldBeAccepted() {
        StaticZone zone = zone("{'1.2.0.192.IN-ADDR.ARPA.': [{'PTR': 'mail.example.com'}]}");

        assertThat(zone.reverse(InetAddresses.forString("192.0.2.1")).hostnames()).containsExactly("mail.example.com");
    }

    @Test
    void namesShouldIgnoreCaseAndTrailingDot() {
        StaticZone zone = zone("{'Mixed.Example.': [{'MX': [5, 'MX.Mixed.Example.']}]}");

        assertThat(zone.lookup("mixed.example", RecordType.MX).mxRecords())
            .containsExactly(new MxRecord(5, "mx.mixed.example"));
        assertThat(zone.lookup("MIXED.EXAMPLE.", RecordType.MX).status()).isEqualTo(DnsAnswer.Status.FOUND);
    }

    @Test
    void emptyListOfStringsShouldBeOneEmptyRecord() {
        StaticZone zone = zone("{'a.example': [{'TXT': []}], 'b.example': [{'SPF': []}]}");

        assertThat(zone.lookup("a.example", RecordType.TXT).texts()).containsExactly("");
        assertThat(zone.lookup("b.example", RecordType.TXT).texts()).containsExactly("");
    }

    @ParameterizedTest
    @EnumSource(value = RecordType.class, names = {"A", "MX", "AAAA", "PTR"})
    void timeoutBesideRecordsShouldFailOnlyTheUnlistedTypes(RecordType type) {
        StaticZone zone = zone("{'a.example': [{'TXT': 'v=spf1 -all'}, 'TIMEOUT'],"
            + " 'b.example': ['SERVFAIL', {'TXT': 'v=spf1 -all'}]}");

        assertThat(zone.lookup("a.example", RecordType.TXT).texts()).containsExactly("v=spf1 -all");
        assertThat(zone.lookup("b.example", RecordType.TXT).texts()).containsExactly("v=spf1 -all");
        assertThat(zone.lookup("a.example", type)).isEqualTo(DnsAnswer.tempfail("timeout"));
        assertThat(zone.lookup("b.example", type)).isEqualTo(DnsAnswer.tempfail("SERVFAIL"));
    }

    @Test
    void txtNoneShouldMeanNoTxtRecordNotEvenFromSpf() {
        StaticZone zone = zone("{'a.example': [{'SPF': 'v=spf1 -all'}, {'TXT': 'NONE'}],"
            + " 'b.example': [{'SPF': 'NONE'}], 'c.example': [{'TXT': ['NONE']}]}");

        assertThat(zone.lookup("a.example", RecordType.TXT)).isEqualTo(DnsAnswer.nodata());
        assertThat(zone.lookup("b.example", RecordType.TXT).texts()).isEmpty();
        assertThat(zone.lookup("c.example", RecordType.TXT).texts()).containsExactly("NONE");
    }

    @Test
    void txtShouldKeepControlAndNonAsciiCharacters() {
        StaticZone zone = StaticZone.fromJson(
            "{\"a.example\": [{\"TXT\": [\"v=spf1 \\u0000\\u001f\\t\", \"\u00e9\u2603 -all\"]}]}");

        assertThat(zone.lookup("a.example", RecordType.TXT).texts())
            .containsExactly("v=spf1 \u0000\u001f\t\u00e9\u2603 -all");
    }

    static Stream<Arguments> malformedZones() {
        String first = "zone entry \"a.example\"[0]: ";
        String entryShape = first + "must be \"TIMEOUT\", \"SERVFAIL\" or an object holding one record";
        String txtShape = first + "TXT must be a string or an array of strings";
        return Stream.of(
            Arguments.of("[]", "zone must be a JSON object"),
            Arguments.of("{'a.example': {'A': '192.0.2.1'}}", "zone entry \"a.example\": must be an array of records"),
            Arguments.of("{'example.com': [{'A': '192.0.2.1'}, {'A': '192.0.2.2'}, {'MX': 10}]}",
                "zone entry \"example.com\"[2]: MX must be [preference, exchange]"),
            Arguments.of("{'a.example': [{'MX': ['mx.example', 10]}]}", first + "MX must be [preference, exchange]"),
            Arguments.of("{'a.example': [{'MX': [1.5, 'mx.example']}]}", first + "MX must be [preference, exchange]"),
            Arguments.of("{'a.example': [{'MX': [70000, 'mx.example']}]}",
                first + "MX preference must be 0-65535, got 70000"),
            Arguments.of("{'a.example': [{'SRV': 'x'}]}", first + "unknown record type \"SRV\""),
            Arguments.of("{'a.example': [{'A': '192.0.2.300'}]}",
                first + "A needs an IPv4 address, got \"192.0.2.300\""),
            Arguments.of("{'a.example': [{'A': '2001:db8::1'}]}",
                first + "A needs an IPv4 address, got \"2001:db8::1\""),
            Arguments.of("{'a.example': [{'AAAA': '192.0.2.1'}]}",
                first + "AAAA needs an IPv6 address, got \"192.0.2.1\""),
            Arguments.of("{'a.example': [{'TXT': 5}]}", txtShape),
            Arguments.of("{'a.example': [{'TXT': [null]}]}", txtShape),
            Arguments.of("{'a.example': [{'SPF': ['ok', 1]}]}",
                first + "SPF must be a string or an array of strings"),
            Arguments.of("{'a.example': [{'PTR': ['host.example']}]}", first + "PTR must be a string"),
            Arguments.of("{'a.example': ['NXDOMAIN']}", entryShape),
            Arguments.of("{'a.example': [{'A': '192.0.2.1', 'TXT': 'x'}]}", entryShape),
            Arguments.of("{'a.example': [42]}", entryShape));
    }

    @ParameterizedTest
    @MethodSource("malformedZones")
    void parseShouldNameTheOffendingEntry(String json, String message) {
        assertThatThrownBy(() -> zone(json)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void parseShouldRejectInvalidJson() {
        assertThatThrownBy(() -> zone("{'a.example': [")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("zone is not valid JSON");
    }

    @Test
    void parseShouldRejectDuplicateNames() {
        assertThatThrownBy(() -> zone("{'a.example': [], 'a.example': []}"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Duplicate field 'a.example'");
    }
}
