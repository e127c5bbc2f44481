package io.streamnlp.registry.http;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

/** What every server of the project on the JDK's built-in HTTP server shares: timeouts and the base URL. */
public final class JdkHttpServers {

    private JdkHttpServers() {}

    /**
     * The JDK server closes a connection whose request (headers and body) or response takes longer
     * than these, which is what keeps a slow or stalled client from holding a handler thread. It
     * reads them once per JVM, when its first server starts, so an explicit setting wins and the
     * first server's timeout holds for later ones in the same JVM.
     */
    public static void applyTimeouts(Duration timeout) {
        String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
        for (String property : new String[] {"sun.net.httpserver.maxReqTime", "sun.net.httpserver.maxRspTime"}) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, seconds);
            }
        }
    }

    /** The base URL clients use for a server listening on {@code address}, e.g. {@code http://127.0.0.1:8085}. */
    public static URI baseUri(InetSocketAddress address) {
        String host = address.getAddress().isAnyLocalAddress()
                ? "127.0.0.1"
                : address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }
}
