package org.postwarden.srs;

/** Checks on the domains that forward and reverse take from an address. */
final class Addresses {
    private Addresses() {
    }

    /**
     * Refuses a domain that cannot be a domain name: empty, or with an all-numeric last label, which RFC 3696 §2
     * rules out for top-level domains. This also refuses postsrsd's database aliases ({@code KEY@1}), which only
     * postsrsd's own database can turn back into the sender.
     *
     * @throws SrsException {@link SrsException.Reason#MALFORMED}
     */
    static void requireDomainName(String domain, String address) throws SrsException {
        String topLabel = domain.substring(domain.lastIndexOf('.') + 1);
        if (domain.isEmpty() || (!topLabel.isEmpty() && topLabel.chars().allMatch(c -> c >= '0' && c <= '9'))) {
            throw new SrsException(SrsException.Reason.MALFORMED,
                "\"" + domain + "\" in \"" + address + "\" is not a domain name");
        }
    }
}
