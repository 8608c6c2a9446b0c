package org.postwarden.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.net.InetAddresses;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StaticZoneTest {
    @Test
    void builderShouldServeRecords() {
        StaticZone zone = StaticZone.builder()
            .txt("a.example", "v=spf1 ", "-all")
            .a("a.example", "192.0.2.1")
            .timeout("slow.example")
            .build();

        assertThat(zone.lookup("a.example", RecordType.TXT).texts()).containsExactly("v=spf1 -all");
        assertThat(zone.lookup("a.example", RecordType.A).addresses())
            .containsExactly(InetAddresses.forString("192.0.2.1"));
        assertThat(zone.lookup("slow.example", RecordType.A)).isEqualTo(DnsAnswer.tempfail("timeout"));
    }

    @Test
    void queriesShouldListEachLookupWithTypeAndNormalisedName() {
        StaticZone zone = StaticZone.builder().cname("www.example", "a.example").build();

        zone.lookup("WWW.Example.", RecordType.A);
        zone.lookup("b.example", RecordType.TXT);

        assertThat(zone.queries()).containsExactly("A www.example", "TXT b.example");
    }

    @Test
    void lookupShouldFollowEightCnameHops() {
        StaticZone zone = chain(8).a("name8.example", "192.0.2.8").build();

        assertThat(zone.lookup("name0.example", RecordType.A).addresses())
            .containsExactly(InetAddresses.forString("192.0.2.8"));
    }

    @Test
    void lookupShouldReturnTempfailWhenCnameChainIsLongerThanEightHops() {
        StaticZone zone = chain(9).a("name9.example", "192.0.2.9").build();

        assertThat(zone.lookup("name0.example", RecordType.A)).isEqualTo(DnsAnswer.tempfail("cname loop"));
    }

    @Test
    void lookupShouldReturnNxdomainWhenCnameTargetIsUnknown() {
        StaticZone zone = StaticZone.builder().cname("www.example", "gone.example").build();

        assertThat(zone.lookup("www.example", RecordType.A)).isEqualTo(DnsAnswer.nxdomain());
    }

    @Test
    void lookupShouldReturnTempfailWhenCnameTargetFails() {
        StaticZone zone = StaticZone.builder()
            .cname("www.example", "broken.example")
            .servfail("broken.example")
            .build();

        assertThat(zone.lookup("www.example", RecordType.A)).isEqualTo(DnsAnswer.tempfail("SERVFAIL"));
    }

    @Test
    void aShouldRejectIpv6Address() {
        assertThatThrownBy(() -> StaticZone.builder().a("a.example", "2001:db8::1"))
            .hasMessage("A needs an IPv4 address, got \"2001:db8::1\"");
    }

    @Test
    void loadShouldReadFixtureFile() throws Exception {
        StaticZone zone = StaticZone.load(resource("/zones/example.json"));

        assertThat(zone.lookup("example.com", RecordType.MX).mxRecords()).extracting(MxRecord::exchange)
            .containsExactly("mx.example.com", "backup.example.com");
        assertThat(zone.lookup("selector._domainkey.example.com", RecordType.TXT).texts())
            .containsExactly("v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQ");
        assertThat(zone.lookup("legacy.example", RecordType.TXT).texts()).containsExactly("v=spf1 mx -all");
        assertThat(zone.lookup("www.example.com", RecordType.A).addresses())
            .containsExactly(InetAddresses.forString("192.0.2.1"));
        assertThat(zone.reverse(InetAddresses.forString("192.0.2.1")).hostnames()).containsExactly("mail.example.com");
        assertThat(zone.lookup("broken.example", RecordType.TXT)).isEqualTo(DnsAnswer.tempfail("SERVFAIL"));
    }

    @Test
    void concurrentLookupsShouldAllBeAnsweredAndRecorded() throws Exception {
        StaticZone zone = StaticZone.builder().txt("a.example", "v=spf1 -all").build();
        ExecutorService executor = Executors.newFixedThreadPool(8);
        Callable<DnsAnswer> lookup = () -> zone.lookup("a.example", RecordType.TXT);

        List<Future<DnsAnswer>> answers = executor.invokeAll(Collections.nCopies(4000, lookup));
        executor.shutdown();

        for (Future<DnsAnswer> answer : answers) {
            assertThat(answer.get().texts()).containsExactly("v=spf1 -all");
        }
        assertThat(zone.queries()).hasSize(4000);
    }

    /** name0.example → name1.example → ... → name{hops}.example */
    private static StaticZone.Builder chain(int hops) {
        StaticZone.Builder builder = StaticZone.builder();
        IntStream.range(0, hops).forEach(i -> builder.cname("name" + i + ".example", "name" + (i + 1) + ".example"));
        return builder;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(StaticZoneTest.class.getResource(name).toURI());
    }
}
