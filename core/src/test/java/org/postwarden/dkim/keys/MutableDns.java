package org.postwarden.dkim.keys;

import java.util.function.UnaryOperator;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.RecordType;
import org.postwarden.dns.StaticZone;

/** DNS that tests republish: each {@link #publish} replaces the zone. */
final class MutableDns implements DnsResolver {
    private volatile StaticZone zone = StaticZone.builder().build();

    void publish(UnaryOperator<StaticZone.Builder> records) {
        zone = records.apply(StaticZone.builder()).build();
    }

    @Override
    public DnsAnswer lookup(String name, RecordType type) {
        return zone.lookup(name, type);
    }
}
