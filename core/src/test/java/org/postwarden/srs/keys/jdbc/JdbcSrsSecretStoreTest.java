package org.postwarden.srs.keys.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.srs.keys.SrsSecretStore;
import org.postwarden.srs.keys.SrsSecretStoreContract;
import org.postwarden.srs.keys.SrsSecretStoreException;
import org.postwarden.testing.DerbyDatabase;

class JdbcSrsSecretStoreTest implements SrsSecretStoreContract {
    @TempDir
    Path directory;
    private EmbeddedDataSource dataSource;
    private JdbcSrsSecretStore store;

    @BeforeEach
    void setUp() {
        dataSource = DerbyDatabase.create(directory.resolve("srs"));
        store = new JdbcSrsSecretStore(dataSource);
    }

    @Override
    public SrsSecretStore store() {
        return store;
    }

    @Test
    void aSecondNodeShouldReuseTheTableAndSeeTheFirstNodesSecrets() {
        store.add(OLD);

        assertThat(new JdbcSrsSecretStore(dataSource).list()).containsExactly(OLD);
    }

    @Test
    void anUnreachableDatabaseShouldBeAStoreFailure() {
        EmbeddedDataSource missing = DerbyDatabase.open(directory.resolve("absent"));

        assertThatThrownBy(() -> new JdbcSrsSecretStore(missing)).isInstanceOf(SrsSecretStoreException.class)
            .hasMessageContaining("create the SRS secrets table");
    }
}
