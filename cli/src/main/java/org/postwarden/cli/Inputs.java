package org.postwarden.cli;

import com.google.common.net.InetAddresses;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import org.postwarden.dkim.DkimKeys;
import org.postwarden.dkim.DkimPrivateKey;
import org.postwarden.dns.StaticZone;

/** Reads what the options name, turning unusable input into a {@link CommandException} that says which. */
final class Inputs {
    private Inputs() {
    }

    /** The JSON zone fixture of shared/oracles/README.md, the only DNS the commands ask. */
    static StaticZone zone(String file) throws CommandException {
        try {
            return StaticZone.load(Path.of(file));
        } catch (IOException e) {
            throw new CommandException("cannot read the zone file " + file + ": " + describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new CommandException("invalid zone file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The message as raw bytes, never transcoded; {@code -} reads standard input. */
    static byte[] message(String file, InputStream in) throws CommandException {
        try {
            return file.equals("-") ? in.readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new CommandException("cannot read the message " + file + ": " + describe(e), e);
        }
    }

    static DkimPrivateKey privateKey(String file) throws CommandException {
        try {
            return DkimKeys.readPrivateKey(Path.of(file));
        } catch (IOException e) {
            throw new CommandException("cannot read the key file " + file + ": " + describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new CommandException("invalid key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** An IPv4 or IPv6 literal; never a host name, which would need a DNS lookup. */
    static InetAddress ip(String option, String value) throws UsageException {
        if (!InetAddresses.isInetAddress(value)) {
            throw new UsageException("--" + option + " must be an IPv4 or IPv6 address, got \"" + value + "\"");
        }
        return InetAddresses.forString(value);
    }

    /** Seconds since the Unix epoch. */
    static Instant unixTime(String option, String value) throws UsageException {
        try {
            return Instant.ofEpochSecond(Long.parseLong(value));
        } catch (NumberFormatException | DateTimeException e) {
            throw new UsageException("--" + option + " must be a Unix time in seconds, got \"" + value + "\"");
        }
    }

    private static String describe(IOException e) {
        return e instanceof NoSuchFileException ? "no such file" : e.toString();
    }
}
