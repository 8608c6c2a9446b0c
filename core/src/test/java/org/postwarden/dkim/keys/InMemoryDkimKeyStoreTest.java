package org.postwarden.dkim.keys;

import org.junit.jupiter.api.BeforeEach;

class InMemoryDkimKeyStoreTest implements DkimKeyStoreContract {
    private DkimKeyStore store;

    @BeforeEach
    void setUp() {
        store = new InMemoryDkimKeyStore();
    }

    @Override
    public DkimKeyStore store() {
        return store;
    }
}
