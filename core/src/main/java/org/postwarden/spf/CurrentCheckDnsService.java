package org.postwarden.spf;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.exceptions.TimeoutException;

/**
 * The DNS service of the one jSPF instance a verifier keeps: each call goes to the {@link ResolverSpfDnsService} of
 * the check running on the calling thread. Building jSPF (its parser compiles the whole SPF grammar as regular
 * expressions) costs more than a check, and its synchronous executor runs a check on the caller's thread.
 */
final class CurrentCheckDnsService implements DNSService {
    private final ThreadLocal<ResolverSpfDnsService> current = new ThreadLocal<>();

    /** Runs {@code check} with {@code dns} answering its lookups. */
    <T> T with(ResolverSpfDnsService dns, Supplier<T> check) {
        current.set(dns);
        try {
            return check.get();
        } finally {
            current.remove();
        }
    }

    private ResolverSpfDnsService dns() {
        ResolverSpfDnsService dns = current.get();
        if (dns == null) {
            throw new IllegalStateException("an SPF lookup outside of a check");
        }
        return dns;
    }

    @Override
    public List<String> getRecords(DNSRequest request) throws TimeoutException {
        return dns().getRecords(request);
    }

    @Override
    public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
        return dns().getRecordsAsync(request);
    }

    @Override
    public List<String> getLocalDomainNames() {
        return dns().getLocalDomainNames();
    }

    @Override
    public void setTimeOut(int timeOut) {
        dns().setTimeOut(timeOut);
    }

    @Override
    public int getRecordLimit() {
        return dns().getRecordLimit();
    }

    @Override
    public void setRecordLimit(int recordLimit) {
        dns().setRecordLimit(recordLimit);
    }
}
