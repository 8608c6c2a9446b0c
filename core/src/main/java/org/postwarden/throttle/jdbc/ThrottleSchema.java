package org.postwarden.throttle.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postwarden.common.jdbc.Tables;

/**
 * Tables of the JDBC throttle stores, in SQL that embedded Derby and PostgreSQL both accept. Instants are epoch
 * milliseconds in BIGINT columns so that no vendor's time zone handling gets involved.
 */
final class ThrottleSchema {
    static final String WINDOWS = "postwarden_throttle_windows";
    static final String OVERRIDES = "postwarden_throttle_overrides";
    static final String SUSPENSIONS = "postwarden_throttle_suspensions";
    static final String AUDIT = "postwarden_throttle_audit";

    private static final List<String> STATEMENTS = List.of(
        "CREATE TABLE " + WINDOWS + " ("
            + "bucket VARCHAR(400) NOT NULL, "
            + "window_ms BIGINT NOT NULL, "
            + "debt BIGINT NOT NULL, "
            + "updated_at BIGINT NOT NULL, "
            + "drained_at BIGINT NOT NULL, "
            + "PRIMARY KEY (bucket, window_ms))",
        "CREATE INDEX " + WINDOWS + "_drained ON " + WINDOWS + " (drained_at)",
        "CREATE TABLE " + OVERRIDES + " ("
            + "username VARCHAR(320) NOT NULL PRIMARY KEY, "
            + "messages VARCHAR(1000) NOT NULL, "
            + "recipients VARCHAR(1000) NOT NULL)",
        "CREATE TABLE " + SUSPENSIONS + " ("
            + "username VARCHAR(320) NOT NULL PRIMARY KEY, "
            + "reason VARCHAR(1000) NOT NULL, "
            + "counters VARCHAR(8000) NOT NULL, "
            + "suspended_at BIGINT NOT NULL)",
        "CREATE TABLE " + AUDIT + " ("
            + "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
            + "username VARCHAR(320) NOT NULL, "
            + "action VARCHAR(16) NOT NULL, "
            + "reason VARCHAR(1000) NOT NULL, "
            + "counters VARCHAR(8000) NOT NULL, "
            + "at_millis BIGINT NOT NULL)",
        "CREATE INDEX " + AUDIT + "_user ON " + AUDIT + " (username)");

    private ThrottleSchema() {
    }

    /** Creates what is missing; several nodes may run this at once. Needs an auto-commit connection. */
    static void createIfAbsent(Connection connection) throws SQLException {
        Tables.createIfAbsent(connection, STATEMENTS);
    }
}
