package org.postwarden.reputation;

class InMemoryReputationStoreTest implements ReputationStoreContract {
    private final InMemoryReputationStore store = new InMemoryReputationStore();

    @Override
    public ReputationStore store() {
        return store;
    }
}
