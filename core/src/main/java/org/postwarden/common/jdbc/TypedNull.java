package org.postwarden.common.jdbc;

/**
 * A NULL parameter of a given {@link java.sql.Types} type, for a column that is not VARCHAR: PostgreSQL refuses a
 * NULL of the wrong type. A plain {@code null} parameter is bound as a VARCHAR NULL.
 */
public record TypedNull(int sqlType) {
}
