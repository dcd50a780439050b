package io.sandboxpipeline.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks TCP ports that are free on 127.0.0.1 (the broker then binds them; a race is retried by the caller). */
final class FreePort {

    private FreePort() {
    }

    static int onLoopback() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(BrokerProperties.LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free TCP port on " + BrokerProperties.LOOPBACK, e);
        }
    }

    static int onLoopbackOtherThan(int taken) {
        int port = onLoopback();
        while (port == taken) {
            port = onLoopback();
        }
        return port;
    }
}
