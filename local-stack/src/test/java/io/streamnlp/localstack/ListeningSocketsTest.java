package io.streamnlp.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {

    @Test
    void decodesProcAddresses() {
        assertEquals(new InetSocketAddress("127.0.0.1", 8080), ListeningSockets.address("0100007F:1F90"));
        assertEquals(new InetSocketAddress("0.0.0.0", 9092), ListeningSockets.address("00000000:2384"));
        assertEquals(
                new InetSocketAddress("::1", 443), ListeningSockets.address("00000000000000000000000001000000:01BB"));
    }

    @Test
    void findsThisProcessesListenersAndTellsLoopbackFromTheRest() throws Exception {
        assumeTrue(ListeningSockets.supported(), "needs Linux /proc");
        try (ServerSocket loopback = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket everywhere = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            List<InetSocketAddress> all = ListeningSockets.of(ProcessHandle.current());
            assertTrue(
                    all.stream()
                            .anyMatch(a -> a.getPort() == loopback.getLocalPort()
                                    && a.getAddress().isLoopbackAddress()),
                    all::toString);
            List<InetSocketAddress> exposed = ListeningSockets.notLoopback(ProcessHandle.current());
            assertTrue(exposed.stream().anyMatch(a -> a.getPort() == everywhere.getLocalPort()), exposed::toString);
            assertTrue(exposed.stream().noneMatch(a -> a.getPort() == loopback.getLocalPort()), exposed::toString);
        }
    }
}
