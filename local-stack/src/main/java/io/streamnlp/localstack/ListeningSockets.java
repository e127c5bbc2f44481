package io.streamnlp.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process (and its children) listens on, read from Linux's {@code /proc}: how a
 * test proves that a stack binds only to the loopback interface, whatever each library defaults to.
 */
public final class ListeningSockets {
    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    /** Whether {@code /proc} can answer (Linux). */
    public static boolean supported() {
        return Files.isReadable(Path.of("/proc/net/tcp")) && Files.isDirectory(Path.of("/proc/self/fd"));
    }

    /** The addresses {@code process} and its descendants listen on. */
    public static List<InetSocketAddress> of(ProcessHandle process) {
        Set<String> inodes = new HashSet<>();
        Stream.concat(Stream.of(process), process.descendants()).forEach(p -> inodes.addAll(socketInodes(p.pid())));
        List<InetSocketAddress> out = new ArrayList<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) continue;
            try {
                for (String line : Files.readAllLines(file)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 10 || !f[3].equals(LISTEN) || !inodes.contains(f[9])) continue;
                    out.add(address(f[1]));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return out;
    }

    /** The listening addresses of {@code process} that are not loopback addresses. */
    public static List<InetSocketAddress> notLoopback(ProcessHandle process) {
        return of(process).stream()
                .filter(a -> !a.getAddress().isLoopbackAddress())
                .toList();
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) inodes.add(target.substring(8, target.length() - 1));
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while we looked
                }
            }
        } catch (IOException goneMeanwhile) {
            // the process exited while we looked
        }
        return inodes;
    }

    /** {@code 0100007F:1F90} (IPv4) or 32 hex digits (IPv6), each 32-bit word in host (little-endian) order. */
    static InetSocketAddress address(String hex) {
        int colon = hex.indexOf(':');
        String ip = hex.substring(0, colon);
        byte[] bytes = new byte[ip.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(ip.substring(at, at + 2), 16);
            }
        }
        try {
            return new InetSocketAddress(
                    InetAddress.getByAddress(bytes), Integer.parseInt(hex.substring(colon + 1), 16));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + hex, e);
        }
    }
}
