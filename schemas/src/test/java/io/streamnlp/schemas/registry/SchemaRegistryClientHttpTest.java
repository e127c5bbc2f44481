package io.streamnlp.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamnlp.schemas.avro.TextEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retry, auth and error mapping against a scripted HTTP server (no registry needed). */
class SchemaRegistryClientHttpTest {
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> authHeaders = new CopyOnWriteArrayList<>();

    record Reply(int status, String body) {}

    private String serve(Function<Integer, Reply> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            int n = requests.incrementAndGet();
            authHeaders.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            Reply r = script.apply(n);
            respond(ex, r);
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
    }

    private static void respond(HttpExchange ex, Reply r) throws IOException {
        ex.getRequestBody().readAllBytes();
        if (r.status() == -2) { // hang past the read timeout
            try {
                Thread.sleep(3000);
            } catch (InterruptedException ignored) {
                // ends the hang
            }
        }
        byte[] b = r.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        ex.sendResponseHeaders(Math.max(r.status(), 200), b.length == 0 ? -1 : b.length);
        if (b.length > 0) ex.getResponseBody().write(b);
        ex.close();
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    private static SchemaRegistryClient client(String url, int retries, String... extra) {
        return client(url, retries, Duration.ofMillis(500), extra);
    }

    private static SchemaRegistryClient client(String url, int retries, Duration timeout, String... extra) {
        var b = SchemaRegistryConfig.builder()
                .url(url)
                .maxRetries(retries)
                .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(40))
                .connectTimeout(timeout)
                .readTimeout(timeout);
        if (extra.length == 2 && extra[0].equals("basic")) b.basicAuth("u", extra[1]);
        if (extra.length == 2 && extra[0].equals("bearer")) b.bearerToken(extra[1]);
        return new SchemaRegistryClient(b.build());
    }

    @Test
    void retries5xxAnd429ThenSucceeds() throws Exception {
        String url =
                serve(n -> n == 1 ? new Reply(503, "") : n == 2 ? new Reply(429, "{}") : new Reply(200, "{\"id\":7}"));
        assertEquals(7, client(url, 3).register("s-value", TextEvent.getClassSchema()));
        assertEquals(3, requests.get());
    }

    @Test
    void gives5xxUpAfterMaxRetries() throws Exception {
        String url = serve(n -> new Reply(500, "{\"error_code\":50001,\"message\":\"store down\"}"));
        RegistryUnavailableException e = assertThrows(
                RegistryUnavailableException.class, () -> client(url, 2).getById(1));
        assertEquals(3, requests.get());
        assertEquals(3, e.attempts());
        assertEquals(500, e.httpStatus());
        assertTrue(
                e.getMessage().contains("store down") && e.getMessage().contains("schema.registry.url"),
                e.getMessage());
    }

    @Test
    void notFoundIsNotRetriedAndIsTyped() throws Exception {
        String url =
                serve(n -> new Reply(404, "{\"error_code\":40403,\"message\":\"No content with ID '42' was found.\"}"));
        // a timeout long enough that a loaded machine's slow answer is not retried as a timeout
        SchemaNotFoundException e = assertThrows(
                SchemaNotFoundException.class,
                () -> client(url, 3, Duration.ofSeconds(10)).getById(42));
        assertEquals(1, requests.get());
        assertEquals(40403, e.errorCode());
        assertEquals(42, e.schemaId());
        assertTrue(e.getMessage().contains("Schema id 42") && e.getMessage().contains(url), e.getMessage());
    }

    @Test
    void conflictIsIncompatibleSchema() throws Exception {
        String url = serve(n -> new Reply(409, "{\"error_code\":409,\"message\":\"Incompatible artifact: x\"}"));
        IncompatibleSchemaException e = assertThrows(
                IncompatibleSchemaException.class,
                () -> client(url, 3).register("t-value", TextEvent.getClassSchema()));
        assertEquals(1, requests.get());
        assertEquals("t-value", e.subject());
        assertEquals(List.of("Incompatible artifact: x"), e.messages());
    }

    @Test
    void sendsBasicAuthAndMaps401() throws Exception {
        String url = serve(n -> new Reply(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}"));
        RegistryAuthException e = assertThrows(
                RegistryAuthException.class, () -> client(url, 3, "basic", "pw").subjects());
        assertEquals(401, e.httpStatus());
        assertEquals(1, requests.get());
        assertEquals("Basic dTpwdw==", authHeaders.get(0));
        assertTrue(e.getMessage().contains("basic.auth.user.info"), e.getMessage());
    }

    @Test
    void sendsBearerAndMaps403() throws Exception {
        String url = serve(n -> new Reply(403, "forbidden"));
        RegistryAuthException e = assertThrows(
                RegistryAuthException.class,
                () -> client(url, 3, "bearer", "tkn").subjects());
        assertEquals(403, e.httpStatus());
        assertEquals("Bearer tkn", authHeaders.get(0));
    }

    @Test
    void readTimeoutIsRetriedAndBounded() throws Exception {
        String url = serve(n -> new Reply(-2, "{\"id\":1}"));
        long t0 = System.nanoTime();
        RegistryUnavailableException e = assertThrows(
                RegistryUnavailableException.class, () -> client(url, 1).getById(1));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(2, e.attempts());
        assertTrue(ms < 2500, "took " + ms + " ms");
        assertTrue(e.getCause() instanceof java.net.http.HttpTimeoutException, String.valueOf(e.getCause()));
    }

    @Test
    void closedPortFailsFast() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        RegistryUnavailableException e = assertThrows(
                RegistryUnavailableException.class,
                () -> client("http://127.0.0.1:" + port, 3).getById(1));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(4, e.attempts());
        assertTrue(ms < 2000, "took " + ms + " ms");
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void failsOverToTheNextUrl() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        String url = serve(n -> new Reply(200, "{\"schema\":\"\\\"string\\\"\"}"));
        var c = client("http://127.0.0.1:" + dead + "," + url, 1);
        assertEquals("\"string\"", c.getById(5).toString());
        assertEquals("\"string\"", c.getById(5).toString()); // cached
        assertEquals(1, requests.get());
    }

    @Test
    void notJsonSaysCheckTheUrl() throws Exception {
        String url = serve(n -> new Reply(200, "<html>hello</html>"));
        SchemaRegistryException e =
                assertThrows(SchemaRegistryException.class, () -> client(url, 0).subjects());
        assertTrue(e.getMessage().contains("ccompat/v7"), e.getMessage());
    }
}
