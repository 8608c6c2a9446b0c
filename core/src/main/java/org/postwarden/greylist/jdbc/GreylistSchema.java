package org.postwarden.greylist.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postwarden.common.jdbc.Tables;

/**
 * Tables of {@link JdbcGreylistStore}, in SQL that embedded Derby and PostgreSQL both accept. Instants are
 * epoch milliseconds in BIGINT columns so that no vendor's time zone handling gets involved. Triplets are keyed
 * by a hash of their fields because a primary key over two 512 character columns would exceed index key limits.
 */
final class GreylistSchema {
    static final String TRIPLETS = "postwarden_greylist_triplets";
    static final String NETWORKS = "postwarden_greylist_networks";
    static final String WHITELIST = "postwarden_greylist_whitelist";

    private static final List<String> STATEMENTS = List.of(
        "CREATE TABLE " + TRIPLETS + " ("
            + "id VARCHAR(64) NOT NULL PRIMARY KEY, "
            + "network VARCHAR(64) NOT NULL, "
            + "sender VARCHAR(512) NOT NULL, "
            + "recipient VARCHAR(512) NOT NULL, "
            + "state VARCHAR(16) NOT NULL, "
            + "first_seen BIGINT NOT NULL, "
            + "last_seen BIGINT NOT NULL, "
            + "pass_count BIGINT NOT NULL, "
            + "expires_at BIGINT NOT NULL, "
            + "version BIGINT NOT NULL)",
        "CREATE INDEX " + TRIPLETS + "_expires ON " + TRIPLETS + " (expires_at)",
        "CREATE TABLE " + NETWORKS + " ("
            + "network VARCHAR(64) NOT NULL PRIMARY KEY, "
            + "pass_count BIGINT NOT NULL, "
            + "first_pass BIGINT NOT NULL, "
            + "last_pass BIGINT NOT NULL, "
            + "expires_at BIGINT NOT NULL)",
        "CREATE INDEX " + NETWORKS + "_expires ON " + NETWORKS + " (expires_at)",
        "CREATE TABLE " + WHITELIST + " ("
            + "id VARCHAR(64) NOT NULL PRIMARY KEY, "
            + "kind VARCHAR(32) NOT NULL, "
            + "entry_value VARCHAR(512) NOT NULL, "
            + "comment_text VARCHAR(1024) NOT NULL, "
            + "created_at BIGINT NOT NULL)");

    private GreylistSchema() {
    }

    /** Creates what is missing; several nodes may run this at once. Needs an auto-commit connection. */
    static void createIfAbsent(Connection connection) throws SQLException {
        Tables.createIfAbsent(connection, STATEMENTS);
    }
}
