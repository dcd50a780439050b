package io.sandboxpipeline.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BindingTest {

    @Test
    void shouldListenOnLoopbackOnlyByDefault() {
        try (SandboxEmulator emulator = SandboxEmulator.start(
                EmulatorConfig.builder().apiKey(SandboxApi.API_KEY).build())) {

            assertThat(emulator.boundAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(emulator.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + emulator.port());
            assertThat(emulator.port()).isPositive();
            assertThat(new SandboxApi(emulator).get("/api/users/me").statusCode()).isEqualTo(200);
            nonLoopbackAddress().ifPresent(address -> assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, emulator.port()), 1_000);
                }
            }).isInstanceOf(IOException.class));
        }
    }

    @Test
    void shouldStopListeningWhenClosed() {
        SandboxEmulator emulator = SandboxEmulator.start(EmulatorConfig.builder().apiKey(SandboxApi.API_KEY).build());
        int port = emulator.port();

        emulator.close();

        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            }
        }).isInstanceOf(IOException.class);
    }

    private static Optional<InetAddress> nonLoopbackAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }
}
