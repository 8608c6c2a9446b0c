package org.postwarden.greylist;

import org.junit.jupiter.api.BeforeEach;

class InMemoryGreylistStoreTest implements GreylistStoreContract {
    private InMemoryGreylistStore store;

    @BeforeEach
    void setUp() {
        store = new InMemoryGreylistStore();
    }

    @Override
    public GreylistStore store() {
        return store;
    }
}
