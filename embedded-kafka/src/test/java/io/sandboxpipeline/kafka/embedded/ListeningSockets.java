package io.sandboxpipeline.kafka.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The TCP sockets in LISTEN state on a port, read from the kernel's tables ({@code /proc/net/tcp} and
 * {@code /proc/net/tcp6}, the same source {@code ss -ltn} reads).
 */
final class ListeningSockets {

    private static final String LISTEN_STATE = "0A";
    private static final String IPV4_LOOPBACK = "0100007F";
    private static final String IPV6_LOOPBACK = "00000000000000000000000001000000";
    private static final String IPV4_MAPPED_LOOPBACK = "0000000000000000FFFF00000100007F";

    private ListeningSockets() {
    }

    /** The local addresses (kernel hex notation) of every socket listening on {@code port}. */
    static List<String> localAddressesListeningOn(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        for (Path table : List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"))) {
            if (Files.isReadable(table)) {
                addresses.addAll(listening(table, port));
            }
        }
        return addresses;
    }

    static boolean isLoopback(String kernelHexAddress) {
        return kernelHexAddress.equals(IPV4_LOOPBACK) || kernelHexAddress.equals(IPV6_LOOPBACK)
                || kernelHexAddress.equals(IPV4_MAPPED_LOOPBACK);
    }

    private static List<String> listening(Path table, int port) throws IOException {
        String hexPort = String.format("%04X", port);
        List<String> addresses = new ArrayList<>();
        List<String> lines = Files.readAllLines(table);
        for (String line : lines.subList(1, lines.size())) {
            // sl local_address rem_address st ...; local_address is ADDRESS:PORT in hex
            String[] fields = line.trim().split("\\s+");
            String[] local = fields[1].split(":");
            if (local[1].equals(hexPort) && fields[3].equals(LISTEN_STATE)) {
                addresses.add(local[0]);
            }
        }
        return addresses;
    }
}
