package org.postwarden.common.jdbc;

import java.sql.SQLException;

/**
 * How a store reports what went wrong in its database, as its own documented exception type. {@code action} says
 * what was being done, e.g. "read a triplet".
 */
@FunctionalInterface
public interface StoreFailures {
    /** The exception to throw for an {@link SQLException} raised while trying to {@code action}. */
    RuntimeException sqlFailed(String action, SQLException e);

    /**
     * The exception to throw for any other exception raised while trying to {@code action}, such as a row the store
     * cannot read back; by default it escapes as it is.
     */
    default RuntimeException otherFailure(String action, RuntimeException e) {
        return e;
    }
}
