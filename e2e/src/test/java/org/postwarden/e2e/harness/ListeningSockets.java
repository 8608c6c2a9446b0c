package org.postwarden.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on and the UDP sockets it has bound without a peer, read from Linux'
 * /proc/&lt;pid&gt;/net/{tcp,tcp6,udp,udp6} and kept to those whose inode is one of the process' file descriptors.
 */
public final class ListeningSockets {
    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");
    private static final String TCP_LISTEN = "0A";

    /** One socket waiting for peers, e.g. {@code tcp 127.0.0.1:2525}. */
    public record Listener(String protocol, InetAddress address, int port) {
        @Override
        public String toString() {
            return protocol + " " + address.getHostAddress() + ":" + port;
        }
    }

    private ListeningSockets() {
    }

    public static Set<Listener> of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        Set<String> inodes = socketInodes(proc.resolve("fd"));
        Set<Listener> listeners = new HashSet<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            for (String line : lines(proc.resolve("net").resolve(table))) {
                String[] fields = line.trim().split("\\s+");
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                if (fields.length < 10 || !fields[0].endsWith(":") || !inodes.contains(fields[9])) {
                    continue;
                }
                boolean waiting = table.startsWith("tcp")
                    ? fields[3].equals(TCP_LISTEN)
                    : port(fields[2]) == 0;
                if (waiting) {
                    listeners.add(new Listener(table.substring(0, 3), address(fields[1]), port(fields[1])));
                }
            }
        }
        return listeners;
    }

    private static Set<String> socketInodes(Path fds) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> links = Files.list(fds)) {
            for (Path link : links.toList()) {
                try {
                    Matcher socket = SOCKET_LINK.matcher(Files.readSymbolicLink(link).toString());
                    if (socket.matches()) {
                        inodes.add(socket.group(1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inodes;
    }

    private static List<String> lines(Path table) {
        try {
            return Files.readAllLines(table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int port(String hexAddress) {
        return Integer.parseInt(hexAddress.substring(hexAddress.indexOf(':') + 1), 16);
    }

    /** The kernel prints each 32-bit word of the address in host (little-endian) byte order. */
    private static InetAddress address(String hexAddress) {
        String hex = hexAddress.substring(0, hexAddress.indexOf(':'));
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = (word * 4 + 3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
