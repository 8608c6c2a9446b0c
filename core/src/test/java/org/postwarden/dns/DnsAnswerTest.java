package org.postwarden.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.net.InetAddresses;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsAnswerTest {
    private static final DnsAnswer MIXED = DnsAnswer.found(List.of(
        new MxRecord(20, "backup.example"),
        new TextRecord("v=spf1 -all"),
        new MxRecord(10, "primary.example"),
        new AddressRecord(InetAddresses.forString("192.0.2.1")),
        new NameRecord(RecordType.PTR, "host.example")));

    @Test
    void mxRecordsShouldBeSortedByPreference() {
        assertThat(MIXED.mxRecords())
            .containsExactly(new MxRecord(10, "primary.example"), new MxRecord(20, "backup.example"));
    }

    @Test
    void accessorsShouldKeepOnlyTheirRecordKind() {
        assertThat(MIXED.texts()).containsExactly("v=spf1 -all");
        assertThat(MIXED.addresses()).containsExactly(InetAddresses.forString("192.0.2.1"));
        assertThat(MIXED.hostnames()).containsExactly("host.example");
    }

    @Test
    void tempfailShouldCarryItsReason() {
        assertThat(DnsAnswer.tempfail("timeout").reason()).isEqualTo("timeout");
        assertThat(DnsAnswer.nxdomain().reason()).isEmpty();
    }

    @Test
    void foundShouldRejectEmptyRecords() {
        assertThatThrownBy(() -> DnsAnswer.found(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tempfailShouldRequireReason() {
        assertThatThrownBy(() -> DnsAnswer.tempfail("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsShouldNormaliseNames() {
        assertThat(new MxRecord(0, "MX.Example.COM.").exchange()).isEqualTo("mx.example.com");
        assertThat(new NameRecord(RecordType.CNAME, "Host.Example.").target()).isEqualTo("host.example");
    }

    @Test
    void addressRecordTypeShouldFollowAddressFamily() {
        assertThat(new AddressRecord(InetAddresses.forString("2001:db8::1")).type()).isEqualTo(RecordType.AAAA);
        assertThat(new AddressRecord(InetAddresses.forString("192.0.2.1")).type()).isEqualTo(RecordType.A);
    }

    @Test
    void nameRecordShouldRejectTypesWithoutNameData() {
        assertThatThrownBy(() -> new NameRecord(RecordType.MX, "mx.example"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mxRecordShouldRejectPreferenceOutside16Bits() {
        assertThatThrownBy(() -> new MxRecord(65536, "mx.example"))
            .hasMessage("MX preference must be 0-65535, got 65536");
    }
}
