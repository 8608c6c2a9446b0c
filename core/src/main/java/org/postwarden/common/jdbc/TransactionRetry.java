package org.postwarden.common.jdbc;

import java.sql.SQLException;
import java.util.function.Predicate;

/** When a transaction that failed is rolled back and run again: at most {@code maxAttempts} runs in all. */
public record TransactionRetry(int maxAttempts, Predicate<SQLException> lostRace) {
    public static final TransactionRetry NEVER = new TransactionRetry(1, e -> false);

    public TransactionRetry {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a transaction runs at least once: " + maxAttempts);
        }
    }

    boolean again(int attempt, SQLException e) {
        return attempt < maxAttempts && lostRace.test(e);
    }
}
