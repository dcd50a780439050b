package io.sandboxpipeline.app.up;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The 127.0.0.1 ports {@code up} listens on, each settable by its own option; checked free before anything starts, so a
 * port in use gives an error that names the option to change rather than a failure deep inside a broker.
 */
record UpPorts(int kafka, int controller, int registry, int ops, int sandbox) {

    static final int DEFAULT_KAFKA = 19092;
    static final int DEFAULT_CONTROLLER = 19093;
    static final int DEFAULT_REGISTRY = 18081;
    static final int DEFAULT_OPS = 18080;
    static final int DEFAULT_SANDBOX = 18090;

    /**
     * @param emulated whether the Sandbox emulator needs its port too
     * @throws PortInUseException naming the first taken port's option
     */
    void requireFree(boolean emulated) {
        Map<String, Integer> byOption = new LinkedHashMap<>();
        byOption.put("--kafka-port", kafka);
        byOption.put("--controller-port", controller);
        byOption.put("--registry-port", registry);
        byOption.put("--ops-port", ops);
        if (emulated) {
            byOption.put("--sandbox-port", sandbox);
        }
        if (byOption.values().stream().distinct().count() < byOption.size()) {
            throw new PortInUseException("two of " + byOption + " are the same port: give each its own");
        }
        byOption.forEach((option, port) -> {
            if (port < 1 || port > 65_535) {
                throw new PortInUseException(option + " must be a port from 1 to 65535, was " + port);
            }
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                throw new PortInUseException("127.0.0.1:" + port + " is in use (another `up`, or another program): "
                        + "choose another port with " + option + " PORT");
            }
        });
    }

    /** A port {@code up} cannot use, with the option that changes it. */
    static final class PortInUseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortInUseException(String message) {
            super(message);
        }
    }
}
