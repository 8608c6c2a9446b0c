package org.postwarden.webadmin.deliverability;

import static org.postwarden.webadmin.HttpErrors.invalid;
import static org.postwarden.webadmin.HttpErrors.notFound;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.postwarden.deliverability.DeliverabilityDoctor;
import org.postwarden.deliverability.DoctorConfiguration;
import org.postwarden.deliverability.ReportJson;
import org.postwarden.deliverability.Target;

import com.google.common.net.InetAddresses;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The deliverability doctor for a local domain: {@code GET /deliverability/domains/{domain}[?ip=...&helo=...]},
 * the address and HELO name defaulting to conf/deliverability.properties. See docs/webadmin.md.
 */
public class DeliverabilityRoutes implements Routes {
    public static final String BASE = "/deliverability/domains";

    private final DeliverabilityDoctor doctor;
    private final DomainList domains;
    private final DoctorConfiguration defaults;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    DeliverabilityRoutes(DeliverabilityDoctor doctor, DomainList domains, DoctorConfiguration defaults) {
        this.doctor = doctor;
        this.domains = domains;
        this.defaults = defaults;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.get(BASE + "/:domain", this::examine, json);
    }

    private Object examine(Request request, Response response) {
        String domain = domain(request);
        Optional<InetAddress> ip = ip(request).or(defaults::outboundIp);
        Target target;
        try {
            target = new Target(domain, ip, parameter(request, "helo").or(defaults::heloName));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        return ReportJson.of(doctor.examine(target));
    }

    private String domain(Request request) {
        String domain = request.params("domain").toLowerCase(Locale.ROOT);
        try {
            if (!domains.containsDomain(Domain.of(domain))) {
                throw notFound(domain + " is not a local domain");
            }
        } catch (DomainListException | IllegalArgumentException e) {
            throw invalid("Invalid domain '" + domain + "': " + e.getMessage());
        }
        return domain;
    }

    private static Optional<InetAddress> ip(Request request) {
        Optional<String> ip = parameter(request, "ip");
        if (ip.isPresent() && !InetAddresses.isInetAddress(ip.get())) {
            throw invalid("ip must be an IPv4 or IPv6 address, got '" + ip.get() + "'");
        }
        return ip.map(InetAddresses::forString);
    }

    private static Optional<String> parameter(Request request, String name) {
        return Optional.ofNullable(request.queryParams(name)).map(String::strip).filter(value -> !value.isEmpty());
    }
}
