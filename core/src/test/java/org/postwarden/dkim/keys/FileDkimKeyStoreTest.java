package org.postwarden.dkim.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.postwarden.dkim.keys.KeyFixtures.ED25519;
import static org.postwarden.dkim.keys.KeyFixtures.NOW;
import static org.postwarden.dkim.keys.KeyFixtures.RSA_1024;
import static org.postwarden.dkim.keys.KeyFixtures.RSA_2048;
import static org.postwarden.dkim.keys.KeyFixtures.pending;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.dkim.DkimAlgorithm;

class FileDkimKeyStoreTest implements DkimKeyStoreContract {
    @TempDir
    Path tmp;
    private Path directory;
    private FileDkimKeyStore store;

    @BeforeEach
    void setUp() {
        directory = tmp.resolve("dkim-keys");
        store = new FileDkimKeyStore(directory);
    }

    @Override
    public DkimKeyStore store() {
        return store;
    }

    @Test
    void saveShouldWriteAPemAndAJsonFileReadableByTheOwnerOnly() throws Exception {
        store.save(pending("example.com", "sel", RSA_1024, NOW));

        Path pem = directory.resolve("example.com/sel.key.pem");
        Path json = directory.resolve("example.com/sel.json");
        assertThat(Files.getPosixFilePermissions(pem)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(json)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(directory)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(directory.resolve("example.com")))
            .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void thePemShouldBePkcs8EvenForAPkcs1Import() throws Exception {
        store.save(pending("example.com", "sel", RSA_1024, NOW));

        assertThat(Files.readString(directory.resolve("example.com/sel.key.pem"))).isEqualTo(RSA_1024.toPem())
            .startsWith("-----BEGIN PRIVATE KEY-----\n");
    }

    @Test
    void theJsonShouldHoldNoKeyMaterial() throws Exception {
        store.save(pending("example.com", "rsa", RSA_2048, NOW).asActive(NOW.plusSeconds(5)));
        store.save(pending("example.com", "ed", ED25519, NOW));

        for (String selector : new String[] {"rsa", "ed"}) {
            DkimKey key = store.find("example.com", selector).orElseThrow();
            String json = Files.readString(directory.resolve("example.com/" + selector + ".json"));
            String privateBase64 = Base64.getEncoder().encodeToString(key.privateKey().pkcs8());
            String publicBase64 = Base64.getEncoder().encodeToString(key.privateKey().publicKey().encoded());
            assertThat(json).doesNotContain("PRIVATE", "p=", privateBase64.substring(privateBase64.length() - 40),
                publicBase64.substring(publicBase64.length() - 40));
            assertThat(json).contains("\"state\"", "\"created\"", "\"" + key.algorithm().tagValue() + "\"");
        }
    }

    @Test
    void keysShouldSurviveANewStoreOnTheSameDirectory() {
        DkimKey rsa = pending("example.com", "rsa", RSA_1024, NOW).asActive(NOW.plusSeconds(1));
        DkimKey ed = pending("example.com", "ed", ED25519, NOW.plusSeconds(2));
        DkimKey other = pending("example.org", "x", RSA_2048, NOW);
        store.save(rsa);
        store.save(ed);
        store.save(other);

        FileDkimKeyStore reopened = new FileDkimKeyStore(directory);

        assertThat(reopened.keys("example.com")).containsExactly(rsa, ed);
        assertThat(reopened.all()).containsExactly(rsa, ed, other);
    }

    @Test
    void saveShouldLeaveNoTemporaryFile() throws Exception {
        DkimKey key = pending("example.com", "sel", ED25519, NOW);
        store.save(key);
        store.save(key.asActive(NOW.plusSeconds(1)));

        try (Stream<Path> files = Files.list(directory.resolve("example.com"))) {
            assertThat(files.map(file -> file.getFileName().toString()))
                .containsExactlyInAnyOrder("sel.key.pem", "sel.json");
        }
    }

    @Test
    void saveShouldInvalidateTheCache() {
        DkimKey key = pending("example.com", "sel", ED25519, NOW);
        store.save(key);
        assertThat(store.keys("example.com")).containsExactly(key);

        DkimKey active = key.asActive(NOW.plusSeconds(1));
        store.save(active);

        assertThat(store.keys("example.com")).containsExactly(active);
        assertThat(store.find("example.com", "sel")).contains(active);
    }

    @Test
    void corruptJsonShouldFailNamingTheFile() throws Exception {
        store.save(pending("example.com", "sel", ED25519, NOW));
        Files.writeString(directory.resolve("example.com/sel.json"), "{\"state\": \"ACTIVE\", \"created\": ");

        FileDkimKeyStore reopened = new FileDkimKeyStore(directory);

        assertThatThrownBy(() -> reopened.keys("example.com"))
            .isInstanceOf(DkimKeyStoreException.class)
            .hasMessageContaining("sel.json");
        assertThatThrownBy(() -> reopened.find("example.com", "sel"))
            .isInstanceOf(DkimKeyStoreException.class)
            .hasMessageContaining("sel.json");
    }

    @Test
    void jsonWithAnUnknownStateShouldFailNamingTheFile() throws Exception {
        writeLegacy("example.com", "sel", "{\"state\": \"ENABLED\", \"created\": \"2023-11-14T22:13:20Z\"}");

        assertThatThrownBy(() -> new FileDkimKeyStore(directory).keys("example.com"))
            .isInstanceOf(DkimKeyStoreException.class)
            .hasMessageContaining("sel.json")
            .hasMessageContaining("ENABLED");
    }

    @Test
    void aMissingPemShouldFailNamingTheFile() throws Exception {
        store.save(pending("example.com", "sel", ED25519, NOW));
        Files.delete(directory.resolve("example.com/sel.key.pem"));

        assertThatThrownBy(() -> new FileDkimKeyStore(directory).all())
            .isInstanceOf(DkimKeyStoreException.class)
            .hasMessageContaining("sel.key.pem");
    }

    @Test
    void metadataContradictingTheKeyShouldFail() throws Exception {
        store.save(pending("example.com", "sel", ED25519, NOW));
        Path json = directory.resolve("example.com/sel.json");
        Files.writeString(json, Files.readString(json).replace("ed25519-sha256", "rsa-sha256"));

        assertThatThrownBy(() -> new FileDkimKeyStore(directory).keys("example.com"))
            .isInstanceOf(DkimKeyStoreException.class)
            .hasMessageContaining("sel.json");
    }

    @Test
    void aPemWithoutJsonShouldNotBeListed() throws Exception {
        // What a crash between the two writes of a new key leaves.
        Files.createDirectories(directory.resolve("example.com"));
        Files.writeString(directory.resolve("example.com/half.key.pem"), ED25519.toPem());

        assertThat(new FileDkimKeyStore(directory).all()).isEmpty();
    }

    @Test
    void aDirectoryOfAnEarlierVersionShouldBeAccepted() throws Exception {
        Path folder = Files.createDirectories(directory.resolve("example.com"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        // Minimal metadata, an unknown member, a PKCS#1 PEM, loose modes, a stray file, a leftover temporary file.
        writeLegacy("example.com", "old", "{\"state\": \"active\", \"created\": \"2023-01-01T00:00:00Z\","
            + " \"activated\": null, \"comment\": \"from 0.0.9\"}");
        Files.writeString(folder.resolve("old.key.pem"), KeyFixtures.RSA_1024_PKCS1_PEM);
        Files.setPosixFilePermissions(folder.resolve("old.key.pem"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(folder.resolve("README.txt"), "keys");
        Files.writeString(folder.resolve(".pw-tmp-123.tmp"), "half-written");
        Files.createDirectories(directory.resolve("not a domain"));

        FileDkimKeyStore reopened = new FileDkimKeyStore(directory);

        DkimKey key = reopened.find("example.com", "old").orElseThrow();
        assertThat(key.state()).isEqualTo(KeyState.ACTIVE);
        assertThat(key.algorithm()).isEqualTo(DkimAlgorithm.RSA_SHA256);
        assertThat(key.activated()).isEmpty();
        assertThat(key.privateKey().pkcs8()).isEqualTo(RSA_1024.pkcs8());
        assertThat(reopened.all()).containsExactly(key);
        assertThat(Files.getPosixFilePermissions(folder.resolve("old.key.pem")))
            .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(directory)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(folder.resolve(".pw-tmp-123.tmp")).doesNotExist();
        assertThat(folder.resolve("README.txt")).exists();

        reopened.save(key.asRetiring(NOW));
        assertThat(new FileDkimKeyStore(directory).find("example.com", "old").orElseThrow().state())
            .isEqualTo(KeyState.RETIRING);
    }

    @Test
    void aNameThatIsNotADomainShouldFindNothing() throws Exception {
        Files.createDirectories(directory.resolve("example.com"));
        Files.writeString(tmp.resolve("sel.json"), "{}");

        assertThat(store.keys("..")).isEmpty();
        assertThat(store.keys("../dkim-keys")).isEmpty();
        assertThat(store.find("example.com/..", "sel")).isEmpty();
    }

    @Test
    void aFileInPlaceOfTheDirectoryShouldFail() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");

        assertThatThrownBy(() -> new FileDkimKeyStore(file))
            .isInstanceOf(DkimKeyStoreException.class)
            .hasMessageContaining(file.toString());
    }

    private void writeLegacy(String domain, String selector, String json) throws Exception {
        Path folder = Files.createDirectories(directory.resolve(domain));
        Files.write(folder.resolve(selector + ".json"), json.getBytes(StandardCharsets.UTF_8));
        Path pem = folder.resolve(selector + ".key.pem");
        if (!Files.exists(pem)) {
            Files.writeString(pem, ED25519.toPem());
        }
    }
}
