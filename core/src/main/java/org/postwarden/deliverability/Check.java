package org.postwarden.deliverability;

import java.util.List;

/** One aspect of a domain's sending setup. Implementations answer DNS failures with findings, never exceptions. */
public interface Check {
    /** At least one finding; several when the aspect has several parts, such as one per DKIM key. */
    List<Finding> examine(Target target);
}
