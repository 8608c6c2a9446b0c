package org.postwarden.throttle;

class InMemoryOverrideStoreTest implements OverrideStoreContract {
    private final InMemoryOverrideStore store = new InMemoryOverrideStore();

    @Override
    public OverrideStore overrides() {
        return store;
    }
}
