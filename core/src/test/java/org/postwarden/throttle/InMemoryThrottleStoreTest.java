package org.postwarden.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryThrottleStoreTest implements ThrottleStoreContract {
    private final InMemoryThrottleStore store = new InMemoryThrottleStore();

    @Override
    public ThrottleStore store() {
        return store;
    }

    @Test
    void purgingShouldDropDrainedWindows() {
        store.acquire(List.of(ThrottleStoreContract.window(BUCKET, FIVE_PER_MINUTE, 1),
            ThrottleStoreContract.window(BUCKET, THREE_PER_DAY, 1)), NOW);

        assertThat(store.purgeIdle(NOW.plusSeconds(60))).isEqualTo(1);
        assertThat(store.purgeIdle(NOW.plusSeconds(86_400))).isEqualTo(1);
    }
}
