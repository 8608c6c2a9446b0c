package org.postwarden.forward;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postwarden.testing.MutableClock;

class InMemoryForwardLogTest implements ForwardLogContract {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private InMemoryForwardLog log;

    @BeforeEach
    void setUp() {
        log = new InMemoryForwardLog(WINDOW);
    }

    @Override
    public ForwardLog forwardLog() {
        return log;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Test
    void aWindowShouldBePositive() {
        assertThatThrownBy(() -> new InMemoryForwardLog(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
