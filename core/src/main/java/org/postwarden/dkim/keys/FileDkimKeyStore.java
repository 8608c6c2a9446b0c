package org.postwarden.dkim.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.postwarden.dkim.DkimKeys;
import org.postwarden.dkim.DkimPrivateKey;

/**
 * Keys as files, one folder per domain:
 * <pre>
 * &lt;directory&gt;/example.com/pw20240501r.key.pem   PKCS#8 PEM, mode 0600
 * &lt;directory&gt;/example.com/pw20240501r.json      metadata ({@link KeyMetadataCodec}), mode 0600
 * </pre>
 * Folders are 0700. Every file is written to a temporary file in the same folder, forced to disk and renamed
 * over the target, so a crash leaves the old or the new version. The PEM is written before the JSON, and only
 * keys with a JSON file are listed: a key whose JSON never got written was never saved.
 * <p>
 * A folder left by an earlier version is accepted: loose modes are tightened, leftover temporary files
 * deleted, files and folders of other names ignored, and missing optional metadata defaulted. Metadata that
 * cannot be read is a {@link DkimKeyStoreException} naming the file.
 * <p>
 * Each domain's keys are cached until this store saves to the domain or the domain's folder changes
 * (its modification time), so the signing path does not parse PEM per message.
 */
public final class FileDkimKeyStore implements DkimKeyStore {
    static final String KEY_SUFFIX = ".key.pem";
    static final String METADATA_SUFFIX = ".json";
    private static final String TEMP_PREFIX = ".pw-tmp-";
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

    private record Cached(FileTime modified, List<DkimKey> keys) {
    }

    private final Path directory;
    private final boolean posix;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Bumped by every save, so that a load racing with a save does not cache what it read. */
    private final AtomicLong generation = new AtomicLong();

    public FileDkimKeyStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        this.posix = this.directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (!Files.isDirectory(this.directory)) {
                if (this.directory.getParent() != null) {
                    Files.createDirectories(this.directory.getParent());
                }
                Files.createDirectory(this.directory, directoryAttributes());
            }
            try {
                restrict(this.directory, DIRECTORY_MODE);
            } catch (IOException e) {
                // A folder the operator owns and we cannot chmod: the key files themselves are still 0600.
            }
            tidy();
        } catch (IOException e) {
            throw new DkimKeyStoreException("cannot open the DKIM key directory " + this.directory + ": " + e, e);
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    public synchronized void save(DkimKey key) {
        Path folder = directory.resolve(key.domain());
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectory(folder, directoryAttributes());
            }
            Path pem = folder.resolve(key.selector() + KEY_SUFFIX);
            byte[] pemBytes = key.privateKey().toPem().getBytes(StandardCharsets.US_ASCII);
            if (Files.isRegularFile(pem) && Arrays.equals(Files.readAllBytes(pem), pemBytes)) {
                // State changes leave the key as it is: do not rewrite secrets needlessly.
                restrict(pem, FILE_MODE);
            } else {
                writeAtomically(pem, pemBytes);
            }
            writeAtomically(folder.resolve(key.selector() + METADATA_SUFFIX), KeyMetadataCodec.write(key));
        } catch (IOException e) {
            throw new DkimKeyStoreException("cannot save DKIM key " + key.selector() + " of " + key.domain() + " in "
                + folder + ": " + e, e);
        } finally {
            generation.incrementAndGet();
            cache.remove(key.domain());
        }
    }

    @Override
    public Optional<DkimKey> find(String domain, String selector) {
        return keys(domain).stream().filter(key -> key.selector().equals(selector)).findFirst();
    }

    @Override
    public List<DkimKey> keys(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (!DkimNames.isDomain(name)) {
            return List.of();
        }
        Path folder = directory.resolve(name);
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(folder);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new DkimKeyStoreException("cannot read " + folder + ": " + e, e);
        }
        Cached cached = cache.get(name);
        if (cached != null && cached.modified().equals(modified)) {
            return cached.keys();
        }
        long before = generation.get();
        List<DkimKey> keys = load(name, folder);
        if (generation.get() == before) {
            cache.put(name, new Cached(modified, keys));
        }
        return keys;
    }

    @Override
    public List<DkimKey> all() {
        List<DkimKey> all = new ArrayList<>();
        for (String domain : domains()) {
            all.addAll(keys(domain));
        }
        return List.copyOf(all);
    }

    /** Domains with a folder, sorted. */
    private List<String> domains() {
        List<String> domains = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(directory, Files::isDirectory)) {
            for (Path folder : folders) {
                String name = folder.getFileName().toString();
                if (DkimNames.isDomain(name)) {
                    domains.add(name);
                }
            }
        } catch (IOException e) {
            throw new DkimKeyStoreException("cannot list " + directory + ": " + e, e);
        }
        domains.sort(null);
        return domains;
    }

    private List<DkimKey> load(String domain, Path folder) {
        List<DkimKey> keys = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + METADATA_SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String selector = name.substring(0, name.length() - METADATA_SUFFIX.length());
                if (!name.startsWith(".") && DkimNames.isSelector(selector) && Files.isRegularFile(file)) {
                    keys.add(load(domain, selector, file, folder.resolve(selector + KEY_SUFFIX)));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new DkimKeyStoreException("cannot list " + folder + ": " + e, e);
        }
        keys.sort(InMemoryDkimKeyStore.OLDEST_FIRST);
        return List.copyOf(keys);
    }

    private static DkimKey load(String domain, String selector, Path metadataFile, Path pemFile) {
        KeyMetadataCodec.Metadata metadata;
        try {
            metadata = KeyMetadataCodec.read(Files.readAllBytes(metadataFile));
        } catch (IOException | IllegalArgumentException e) {
            throw new DkimKeyStoreException("corrupt DKIM key metadata " + metadataFile + ": " + e.getMessage(), e);
        }
        DkimPrivateKey privateKey;
        try {
            privateKey = DkimKeys.readPrivateKey(pemFile);
        } catch (NoSuchFileException e) {
            throw new DkimKeyStoreException("missing DKIM private key " + pemFile + " for " + metadataFile, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new DkimKeyStoreException("corrupt DKIM private key " + pemFile + ": " + e.getMessage(), e);
        }
        if (metadata.algorithm().isPresent() && metadata.algorithm().get() != privateKey.algorithm()) {
            throw new DkimKeyStoreException("DKIM key metadata " + metadataFile + " says "
                + metadata.algorithm().get().tagValue() + " but " + pemFile + " holds a "
                + privateKey.algorithm().keyType().tagValue() + " key");
        }
        return new DkimKey(domain, selector, privateKey.algorithm(), metadata.state(), metadata.created(),
            metadata.activated(), metadata.retiring(), metadata.retired(), privateKey);
    }

    /** Tightens modes and removes temporary files a crash left behind. */
    private void tidy() throws IOException {
        for (String domain : domains()) {
            Path folder = directory.resolve(domain);
            restrict(folder, DIRECTORY_MODE);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, Files::isRegularFile)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(TEMP_PREFIX)) {
                        Files.deleteIfExists(file);
                    } else if (name.endsWith(KEY_SUFFIX) || name.endsWith(METADATA_SUFFIX)) {
                        restrict(file, FILE_MODE);
                    }
                }
            }
        }
    }

    private void writeAtomically(Path target, byte[] content) throws IOException {
        Path folder = target.getParent();
        Path temp = posix
            ? Files.createTempFile(folder, TEMP_PREFIX, ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE))
            : Files.createTempFile(folder, TEMP_PREFIX, ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(folder);
    }

    /** Makes the rename durable; not every platform can open a folder for fsync, and then this is skipped. */
    private static void syncDirectory(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort.
        }
    }

    private void restrict(Path path, Set<PosixFilePermission> mode) throws IOException {
        if (posix && !Files.getPosixFilePermissions(path).equals(mode)) {
            Files.setPosixFilePermissions(path, mode);
        }
    }

    private FileAttribute<?>[] directoryAttributes() {
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIRECTORY_MODE)}
            : new FileAttribute<?>[0];
    }
}
