package io.streamnlp.localstack;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.PreboundSocketFactoryManager;

/**
 * Keeps the test kit's broker on the loopback interface. {@link KafkaClusterTestKit} pre-binds each
 * node's listener ports on the wildcard address (every interface) before the broker starts and hands
 * the broker those sockets, whatever host its {@code listeners} name. Binding them on 127.0.0.1
 * first, in the builder's own socket manager, makes the broker use those instead. The manager has
 * no API for that, so this reaches into it; {@code LocalStackTest} checks that no listener of the
 * stack is outside the loopback, so a test-kit change that defeats this fails the build.
 */
final class LoopbackListeners {
    private LoopbackListeners() {}

    /** Pre-binds {@code listeners} of node {@code nodeId} on 127.0.0.1 in {@code builder}'s socket manager. */
    static void prebind(KafkaClusterTestKit.Builder builder, int nodeId, String... listeners) {
        try {
            PreboundSocketFactoryManager manager =
                    (PreboundSocketFactoryManager) field(KafkaClusterTestKit.Builder.class, "socketFactoryManager")
                            .get(builder);
            @SuppressWarnings("unchecked")
            Map<Integer, Map<String, ServerSocketChannel>> sockets = (Map<Integer, Map<String, ServerSocketChannel>>)
                    field(PreboundSocketFactoryManager.class, "sockets").get(manager);
            synchronized (manager) {
                Map<String, ServerSocketChannel> node = sockets.computeIfAbsent(nodeId, id -> new HashMap<>());
                for (String listener : listeners) {
                    if (!node.containsKey(listener)) {
                        // as Kafka's own socket factory opens them: non-blocking, for the acceptor's selector
                        ServerSocketChannel channel = ServerSocketChannel.open();
                        channel.configureBlocking(false);
                        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                        node.put(listener, channel);
                    }
                }
            }
        } catch (ReflectiveOperationException | ClassCastException | IOException e) {
            throw new LocalStackException("cannot bind the embedded broker's listeners to 127.0.0.1: " + e, e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
