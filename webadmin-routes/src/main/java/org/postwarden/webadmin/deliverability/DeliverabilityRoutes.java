package org.postwarden.webadmin.deliverability;

import static org.postwarden.webadmin.HttpErrors.invalid;

import java.net.InetAddress;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.domainlist.api.DomainList;
import org.postwarden.deliverability.DeliverabilityDoctor;
import org.postwarden.deliverability.DoctorConfiguration;
import org.postwarden.deliverability.ReportJson;
import org.postwarden.deliverability.Target;
import org.postwarden.webadmin.Endpoints;
import org.postwarden.webadmin.PostwardenRoutes;
import org.postwarden.webadmin.RequestParameters;

import com.google.common.net.InetAddresses;

import spark.Request;
import spark.Response;

/**
 * The deliverability doctor for a local domain:
 * {@code GET /postwarden/deliverability/domains/{domain}[?ip=...&helo=...]}, the address and HELO name defaulting to
 * conf/deliverability.properties. Formerly under {@link #FORMER_BASE}, still served there for one release. See
 * docs/webadmin.md.
 */
public class DeliverabilityRoutes extends PostwardenRoutes {
    public static final String BASE = "/postwarden/deliverability/domains";
    public static final String FORMER_BASE = "/deliverability/domains";

    private final DeliverabilityDoctor doctor;
    private final DomainList domains;
    private final DoctorConfiguration defaults;

    @Inject
    DeliverabilityRoutes(DeliverabilityDoctor doctor, DomainList domains, DoctorConfiguration defaults) {
        super(BASE);
        this.doctor = doctor;
        this.domains = domains;
        this.defaults = defaults;
    }

    @Override
    protected void define(Endpoints endpoints) {
        endpoints.get("/:domain", this::examine);
    }

    private Object examine(Request request, Response response) {
        String domain = RequestParameters.localDomain(request, domains);
        Optional<InetAddress> ip = ip(request).or(defaults::outboundIp);
        Target target;
        try {
            target = new Target(domain, ip, parameter(request, "helo").or(defaults::heloName));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        return ReportJson.of(doctor.examine(target));
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
