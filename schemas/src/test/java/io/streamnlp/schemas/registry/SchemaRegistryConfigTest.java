package io.streamnlp.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaRegistryConfigTest {
    @Test
    void defaultsAndUrls() {
        var c = SchemaRegistryConfig.fromMap(
                Map.of("schema.registry.url", "http://a:8081/apis/ccompat/v7/, https://b"));
        assertEquals(
                List.of("http://a:8081/apis/ccompat/v7", "https://b"),
                c.urls().stream().map(Object::toString).toList());
        assertEquals(Duration.ofSeconds(5), c.connectTimeout());
        assertEquals(Duration.ofSeconds(10), c.readTimeout());
        assertEquals(3, c.maxRetries());
        assertFalse(c.hasBasicAuth());
        assertFalse(c.hasBearerToken());
        assertNull(c.sslContext());
        assertNull(c.authorizationHeader());
    }

    @Test
    void urlListAndNumbersOfAnyType() {
        var c = SchemaRegistryConfig.fromMap(Map.of(
                "schema.registry.url",
                List.of("http://a", "http://b"),
                "http.connect.timeout.ms",
                250,
                "schema.registry.http.read.timeout.ms",
                "750",
                "max.retries",
                0L,
                "retries.wait.ms",
                "10",
                "retries.max.wait.ms",
                20));
        assertEquals(2, c.urls().size());
        assertEquals(Duration.ofMillis(250), c.connectTimeout());
        assertEquals(Duration.ofMillis(750), c.readTimeout());
        assertEquals(0, c.maxRetries());
        assertEquals(Duration.ofMillis(10), c.retryBackoff());
        assertEquals(Duration.ofMillis(20), c.maxRetryBackoff());
    }

    @Test
    void basicAuthFromUserInfoOrUrl() {
        var c = SchemaRegistryConfig.fromMap(Map.of(
                "schema.registry.url",
                "http://r",
                "basic.auth.credentials.source",
                "USER_INFO",
                "basic.auth.user.info",
                new Password("bob:s3:cret")));
        assertEquals("bob", c.basicAuthUser());
        assertEquals("s3:cret", c.basicAuthPassword());
        assertEquals("Basic Ym9iOnMzOmNyZXQ=", c.authorizationHeader());
        assertFalse(c.toString().contains("s3:cret"), c.toString());

        var u = SchemaRegistryConfig.fromMap(Map.of(
                "schema.registry.url",
                "https://al%40x:pw@reg.example:8443/api",
                "basic.auth.credentials.source",
                "URL"));
        assertEquals("al@x", u.basicAuthUser());
        assertEquals("pw", u.basicAuthPassword());
        assertEquals("https://reg.example:8443/api", u.urls().get(0).toString());
    }

    @Test
    void bearerToken() {
        var c = SchemaRegistryConfig.fromMap(Map.of(
                "schema.registry.url",
                "http://r",
                "bearer.auth.credentials.source",
                "STATIC_TOKEN",
                "bearer.auth.token",
                "tok"));
        assertEquals("Bearer tok", c.authorizationHeader());
        assertFalse(c.toString().contains("tok]"), c.toString());
    }

    @Test
    void invalidSettingsSayWhichKey() {
        assertMessage("schema.registry.url", Map.of());
        assertMessage("schema.registry.url", Map.of("schema.registry.url", "ftp://x"));
        assertMessage(
                "basic.auth.user.info", Map.of("schema.registry.url", "http://x", "basic.auth.user.info", "nocolon"));
        assertMessage(
                "choose one",
                Map.of("schema.registry.url", "http://x", "basic.auth.user.info", "a:b", "bearer.auth.token", "t"));
        assertMessage(
                "basic.auth.credentials.source",
                Map.of("schema.registry.url", "http://x", "basic.auth.credentials.source", "SASL_INHERIT"));
        assertMessage(
                "bearer.auth.credentials.source",
                Map.of("schema.registry.url", "http://x", "bearer.auth.credentials.source", "OAUTHBEARER"));
        assertMessage(
                "http.connect.timeout.ms", Map.of("schema.registry.url", "http://x", "http.connect.timeout.ms", "0"));
        assertMessage(
                "http.read.timeout.ms", Map.of("schema.registry.url", "http://x", "http.read.timeout.ms", "soon"));
        assertMessage("max.retries", Map.of("schema.registry.url", "http://x", "max.retries", "-1"));
        assertMessage(
                "retries.max.wait.ms",
                Map.of("schema.registry.url", "http://x", "retries.wait.ms", "500", "retries.max.wait.ms", "100"));
        assertMessage(
                "/does/not/exist.p12",
                Map.of(
                        "schema.registry.url",
                        "https://x",
                        "schema.registry.ssl.truststore.location",
                        "/does/not/exist.p12"));
    }

    private static void assertMessage(String fragment, Map<String, ?> configs) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SchemaRegistryConfig.fromMap(configs));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void tlsStoresBuildAnSslContext(@TempDir Path dir) throws Exception {
        Path ks = dir.resolve("client.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "client",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=client",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                ks.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit");
        Path cert = dir.resolve("client.crt");
        keytool(
                "-exportcert",
                "-alias",
                "client",
                "-keystore",
                ks.toString(),
                "-storepass",
                "changeit",
                "-file",
                cert.toString());
        Path ts = dir.resolve("trust.p12");
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "ca",
                "-file",
                cert.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                ts.toString(),
                "-storepass",
                "trustpw");

        var c = SchemaRegistryConfig.fromMap(Map.of(
                "schema.registry.url",
                "https://reg:8443",
                "schema.registry.ssl.truststore.location",
                ts.toString(),
                "schema.registry.ssl.truststore.password",
                "trustpw",
                "schema.registry.ssl.truststore.type",
                "PKCS12",
                "schema.registry.ssl.keystore.location",
                ks.toString(),
                "schema.registry.ssl.keystore.password",
                "changeit",
                "schema.registry.ssl.key.password",
                "changeit"));
        assertNotNull(c.sslContext());
        assertEquals("PKCS12", c.truststore().type());
        assertNotNull(new SchemaRegistryClient(c)); // the HTTP client takes the context

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SchemaRegistryConfig.fromMap(Map.of(
                        "schema.registry.url",
                        "https://reg:8443",
                        "schema.registry.ssl.truststore.location",
                        ts.toString(),
                        "schema.registry.ssl.truststore.password",
                        "wrong")));
        assertTrue(e.getMessage().contains("schema.registry.ssl.truststore.password"), e.getMessage());
    }

    private static void keytool(String... args) throws Exception {
        String keytool =
                Paths.get(System.getProperty("java.home"), "bin", "keytool").toString();
        var cmd = new java.util.ArrayList<String>();
        cmd.add(keytool);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }
}
