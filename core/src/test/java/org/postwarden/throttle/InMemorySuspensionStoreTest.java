package org.postwarden.throttle;

class InMemorySuspensionStoreTest implements SuspensionStoreContract {
    private final InMemorySuspensionStore store = new InMemorySuspensionStore();

    @Override
    public SuspensionStore suspensions() {
        return store;
    }
}
