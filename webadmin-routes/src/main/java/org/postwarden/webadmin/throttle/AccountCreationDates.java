package org.postwarden.webadmin.throttle;

import java.time.Instant;
import java.util.Optional;

/** When an account counts as created for the new account tier: the first time the server saw it send. */
public interface AccountCreationDates {
    /** @param user the normalised account name; empty when the account never sent */
    Optional<Instant> created(String user);
}
