package org.postwarden.srs.keys;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postwarden.srs.Srs;
import org.postwarden.srs.SrsConfiguration;

/** The secrets of srs.properties {@code secrets=}: the first signs, all verify, and only editing the file changes them. */
public final class ConfiguredSrsKeyring implements SrsKeyring {
    static final String MANAGED_IN_PROPERTIES = "The SRS secrets are managed in srs.properties (secrets=): "
        + "edit that file to rotate, or empty it to manage them over webadmin";

    private final Srs srs;
    private final List<SrsSecretStatus> secrets;

    /** @throws IllegalStateException when {@code configuration} has no secret */
    public ConfiguredSrsKeyring(SrsConfiguration configuration, Clock clock) {
        this.srs = configuration.srs(configuration.secrets(), clock);
        List<SrsSecretStatus> statuses = new ArrayList<>();
        for (int i = 0; i < configuration.secrets().size(); i++) {
            statuses.add(new SrsSecretStatus(SrsSecretRecord.fingerprint(configuration.secrets().get(i)),
                Optional.empty(), i == 0, Optional.empty(), Optional.empty()));
        }
        this.secrets = List.copyOf(statuses);
    }

    @Override
    public Srs srs() {
        return srs;
    }

    /** In the order of the file: the signing secret first. */
    @Override
    public List<SrsSecretStatus> secrets() {
        return secrets;
    }

    @Override
    public SrsSecretStatus rotate() {
        throw new SrsKeyringException(SrsKeyringException.Reason.CONFIGURED, MANAGED_IN_PROPERTIES);
    }

    @Override
    public void remove(String id) {
        throw new SrsKeyringException(SrsKeyringException.Reason.CONFIGURED, MANAGED_IN_PROPERTIES);
    }
}
