package org.postwarden.smtp;

import org.apache.james.core.Domain;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.memory.MemoryDomainList;

/** James' domain list in memory, holding the given domains only. */
public final class OurDomains {
    private OurDomains() {
    }

    public static MemoryDomainList of(String... domains) throws Exception {
        MemoryDomainList list = new MemoryDomainList(new InMemoryDNSService());
        list.configure(DomainListConfiguration.builder().autoDetect(false).autoDetectIp(false).build());
        for (String domain : domains) {
            list.addDomain(Domain.of(domain));
        }
        return list;
    }
}
