package org.postwarden.srs.keys;

class InMemorySrsSecretStoreTest implements SrsSecretStoreContract {
    private final InMemorySrsSecretStore store = new InMemorySrsSecretStore();

    @Override
    public SrsSecretStore store() {
        return store;
    }
}
