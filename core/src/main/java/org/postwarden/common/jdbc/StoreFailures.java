package org.postwarden.common.jdbc;

import java.sql.SQLException;
import java.util.function.BiFunction;

import org.postwarden.store.StoreUnavailableException;

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

    /** SQL failures as {@code exception("<database> database failed to <action> (SQLState <state>): <message>")}. */
    static StoreFailures describing(String database, BiFunction<String, Throwable, RuntimeException> exception) {
        return (action, e) -> exception.apply(database + " database failed to " + action + " (SQLState "
            + e.getSQLState() + "): " + e.getMessage(), e);
    }

    /**
     * These failures, where any other exception than a {@link StoreUnavailableException}, a row the store cannot read
     * back, becomes {@code exception("Unreadable <data> in the database while trying to <action>")}.
     */
    default StoreFailures unreadableAs(String data, BiFunction<String, Throwable, RuntimeException> exception) {
        StoreFailures sqlFailures = this;
        return new StoreFailures() {
            @Override
            public RuntimeException sqlFailed(String action, SQLException e) {
                return sqlFailures.sqlFailed(action, e);
            }

            @Override
            public RuntimeException otherFailure(String action, RuntimeException e) {
                return e instanceof StoreUnavailableException ? e
                    : exception.apply("Unreadable " + data + " in the database while trying to " + action, e);
            }
        };
    }
}
