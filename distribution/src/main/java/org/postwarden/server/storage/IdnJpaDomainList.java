package org.postwarden.server.storage;

import javax.inject.Inject;
import javax.persistence.EntityManagerFactory;

import org.apache.james.core.Domain;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.domainlist.jpa.JPADomainList;
import org.postwarden.common.DomainSpellings;

/**
 * James' JPA domain list where a domain has one name whichever spelling it is given in: an internationalized name is
 * stored in its ASCII "xn--" form, and its Unicode form is the same domain (found, not added a second time,
 * removed with it). Names stored in Unicode by an earlier version are still found under either spelling.
 */
public class IdnJpaDomainList extends JPADomainList {

    @Inject
    public IdnJpaDomainList(DNSService dns, EntityManagerFactory entityManagerFactory) {
        super(dns, entityManagerFactory);
    }

    @Override
    public boolean containsDomain(Domain domain) throws DomainListException {
        for (String spelling : DomainSpellings.all(domain.asString())) {
            if (super.containsDomain(Domain.of(spelling))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void addDomain(Domain domain) throws DomainListException {
        if (storedSpelling(domain) != null) {
            throw new DomainListException(domain.name() + " already exists.");
        }
        super.addDomain(Domain.of(DomainSpellings.ascii(domain.asString())));
    }

    @Override
    public void removeDomain(Domain domain) throws DomainListException {
        Domain stored = storedSpelling(domain);
        super.removeDomain(stored == null ? domain : stored);
    }

    /** Asks the database, not containsDomain's cache: a cached "absent" would hide the domain just added. */
    private Domain storedSpelling(Domain domain) throws DomainListException {
        for (String spelling : DomainSpellings.all(domain.asString())) {
            Domain candidate = Domain.of(spelling);
            if (containsDomainInternal(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
