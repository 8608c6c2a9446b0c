package org.postwarden.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.junit.jupiter.api.Test;

class LocalDomainsTest {
    private static final Domain OURS = Domain.of("postwarden.test");

    @Test
    void aDomainOfTheListShouldBeLocalAndAnotherNot() throws Exception {
        DomainList domains = new Domains(false);

        assertThat(LocalDomains.isLocal(domains, new MailAddress("bob@postwarden.test"))).isTrue();
        assertThat(LocalDomains.isLocal(domains, new MailAddress("bob@elsewhere.example"))).isFalse();
    }

    /** As James' relay check answers, so that GreylistHook and ThrottleHook never decide otherwise than it does. */
    @Test
    void aDomainListThatCannotAnswerShouldMakeNoDomainLocal() throws Exception {
        DomainList failing = new Domains(true);

        assertThat(LocalDomains.isLocal(failing, new MailAddress("bob@postwarden.test"))).isFalse();
    }

    private record Domains(boolean failing) implements DomainList {
        @Override
        public List<Domain> getDomains() throws DomainListException {
            return List.of(OURS);
        }

        @Override
        public boolean containsDomain(Domain domain) throws DomainListException {
            if (failing) {
                throw new DomainListException("database unreachable");
            }
            return OURS.equals(domain);
        }

        @Override
        public void addDomain(Domain domain) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeDomain(Domain domain) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Domain getDefaultDomain() {
            return OURS;
        }
    }
}
