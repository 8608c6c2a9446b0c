package org.postwarden.srs.keys.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.greylist.jdbc.DerbyDatabase;
import org.postwarden.srs.keys.SrsSecretStore;
import org.postwarden.srs.keys.SrsSecretStoreContract;
import org.postwarden.srs.keys.SrsSecretStoreException;

class JdbcSrsSecretStoreTest implements SrsSecretStoreContract {
    static {
        // Sends Derby's log to DerbyDatabase's sink instead of a derby.log in the working directory.
        System.setProperty("derby.stream.error.field", DerbyDatabase.class.getName() + ".DISCARDED_LOG");
    }

    @TempDir
    Path directory;
    private EmbeddedDataSource dataSource;
    private JdbcSrsSecretStore store;

    @BeforeEach
    void setUp() {
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(directory.resolve("srs").toString());
        dataSource.setCreateDatabase("create");
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
        EmbeddedDataSource missing = new EmbeddedDataSource();
        missing.setDatabaseName(directory.resolve("absent").toString());

        assertThatThrownBy(() -> new JdbcSrsSecretStore(missing)).isInstanceOf(SrsSecretStoreException.class)
            .hasMessageContaining("create the SRS secrets table");
    }
}
