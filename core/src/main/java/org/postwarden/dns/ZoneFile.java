package org.postwarden.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * A JSON zone file (see {@link StaticZone}) that is read again when it changes, so an operator or a test can
 * publish a record without restarting the server. A change that does not parse is ignored: lookups keep
 * answering from the last good version.
 */
public final class ZoneFile implements DnsResolver {
    private record Loaded(StaticZone zone, FileTime modified, long size) {
    }

    private final Path path;
    private volatile Loaded loaded;

    private ZoneFile(Path path, Loaded loaded) {
        this.path = path;
        this.loaded = loaded;
    }

    /** Reads the file once; an unreadable or invalid file is an error here, at startup. */
    public static ZoneFile load(Path path) throws IOException {
        return new ZoneFile(path, read(path));
    }

    @Override
    public DnsAnswer lookup(String name, RecordType type) {
        return current().lookup(name, type);
    }

    private StaticZone current() {
        Loaded last = loaded;
        try {
            if (!Files.getLastModifiedTime(path).equals(last.modified()) || Files.size(path) != last.size()) {
                last = read(path);
                loaded = last;
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException changedBadly) {
            return last.zone();
        }
        return last.zone();
    }

    private static Loaded read(Path path) throws IOException {
        FileTime modified = Files.getLastModifiedTime(path);
        long size = Files.size(path);
        return new Loaded(StaticZone.load(path), modified, size);
    }
}
