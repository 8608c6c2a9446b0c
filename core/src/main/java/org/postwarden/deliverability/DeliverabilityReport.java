package org.postwarden.deliverability;

import java.util.List;
import java.util.Objects;

/** Every finding of one examination, in check order; the overall status is the worst of them. */
public record DeliverabilityReport(Target target, List<Finding> findings) {
    public DeliverabilityReport {
        Objects.requireNonNull(target, "target");
        findings = List.copyOf(findings);
    }

    public Status status() {
        return findings.stream().map(Finding::status).reduce(Status.PASS, Status::worse);
    }
}
