package io.streamnlp.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Validated settings of a {@link SchemaRegistryClient}. Build it with {@link #builder()} or from a Kafka-style config
 * map with {@link #fromMap(Map)}, which reads the Confluent keys, so the same map configures a Kafka serde:
 *
 * <table>
 *   <caption>Configuration keys</caption>
 *   <tr><th>key</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@value #URL}</td><td>base URL(s), comma separated or a list; the next one is tried when one cannot be reached</td><td>(required)</td></tr>
 *   <tr><td>{@value #BASIC_AUTH_SOURCE}</td><td>{@code USER_INFO} (use {@value #BASIC_AUTH_USER_INFO}) or {@code URL} (user info in the URL)</td><td>USER_INFO</td></tr>
 *   <tr><td>{@value #BASIC_AUTH_USER_INFO}</td><td>{@code user:password} for HTTP basic auth</td><td>none</td></tr>
 *   <tr><td>{@value #BEARER_AUTH_SOURCE}</td><td>only {@code STATIC_TOKEN}</td><td>STATIC_TOKEN</td></tr>
 *   <tr><td>{@value #BEARER_AUTH_TOKEN}</td><td>bearer token (exclusive with basic auth)</td><td>none</td></tr>
 *   <tr><td>{@value #SSL_TRUSTSTORE_LOCATION}, {@code .password}, {@code .type}</td><td>trust store for https</td><td>JVM default trust</td></tr>
 *   <tr><td>{@value #SSL_KEYSTORE_LOCATION}, {@code .password}, {@code .type}, {@value #SSL_KEY_PASSWORD}</td><td>client certificate for mutual TLS</td><td>none</td></tr>
 *   <tr><td>{@value #SSL_PROTOCOL}</td><td>SSLContext protocol</td><td>TLS</td></tr>
 *   <tr><td>{@value #CONNECT_TIMEOUT_MS}</td><td>TCP connect timeout per request</td><td>5000</td></tr>
 *   <tr><td>{@value #READ_TIMEOUT_MS}</td><td>time to wait for a response per request</td><td>10000</td></tr>
 *   <tr><td>{@value #MAX_RETRIES}</td><td>retries after the first attempt, on connection errors, timeouts, 5xx, 408 and 429 only</td><td>3</td></tr>
 *   <tr><td>{@value #RETRIES_WAIT_MS}</td><td>first backoff, doubled per retry (with jitter)</td><td>100</td></tr>
 *   <tr><td>{@value #RETRIES_MAX_WAIT_MS}</td><td>backoff cap</td><td>2000</td></tr>
 * </table>
 *
 * <p>Every key may also be given with a {@code schema.registry.} prefix (e.g. {@code schema.registry.basic.auth.user.info}).
 * The worst-case time of one call is about {@code (max.retries + 1) * (connect + read timeout) + backoffs}.
 */
public final class SchemaRegistryConfig {
    public static final String PREFIX = "schema.registry.";
    public static final String URL = "schema.registry.url";
    public static final String BASIC_AUTH_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String BEARER_AUTH_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String SSL_KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String SSL_KEY_PASSWORD = "schema.registry.ssl.key.password";
    public static final String SSL_PROTOCOL = "schema.registry.ssl.protocol";
    public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";

    private final List<URI> urls;
    private final String basicUser;
    private final String basicPassword;
    private final String bearerToken;
    private final StoreSpec truststore;
    private final StoreSpec keystore;
    private final String keyPassword;
    private final String sslProtocol;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxRetries;
    private final Duration retryBackoff;
    private final Duration maxRetryBackoff;
    private volatile SSLContext sslContext;

    /** Location, password and type of a key or trust store. */
    public record StoreSpec(Path location, String password, String type) {
        @Override
        public String toString() {
            return "StoreSpec[" + location + ", type " + type + ", password " + (password == null ? "none" : "[hidden]")
                    + "]";
        }
    }

    private SchemaRegistryConfig(Builder b) {
        if (b.urls.isEmpty()) {
            throw new IllegalArgumentException("No schema registry URL: set " + URL
                    + " (e.g. http://127.0.0.1:8081/apis/ccompat/v7 for Apicurio's Confluent API)");
        }
        List<URI> parsed = new ArrayList<>();
        String urlUser = null;
        String urlPassword = null;
        for (String u : b.urls) {
            URI uri;
            try {
                uri = new URI(u.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("Invalid " + URL + " '" + u + "': " + e.getMessage(), e);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "Invalid " + URL + " '" + u + "': expected http(s)://host[:port][/path]");
            }
            if (uri.getRawUserInfo() != null) {
                String[] ui = uri.getRawUserInfo().split(":", 2);
                urlUser = URLDecoder.decode(ui[0], StandardCharsets.UTF_8);
                urlPassword = ui.length > 1 ? URLDecoder.decode(ui[1], StandardCharsets.UTF_8) : "";
                try {
                    uri = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("Invalid " + URL + " '" + u + "'", e);
                }
            }
            String s = uri.toString();
            while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
            parsed.add(URI.create(s));
        }
        this.urls = List.copyOf(parsed);

        String source = b.basicAuthSource == null
                ? "USER_INFO"
                : b.basicAuthSource.trim().toUpperCase(Locale.ROOT);
        String user = null;
        String password = null;
        switch (source) {
            case "USER_INFO" -> {
                if (b.basicUserInfo != null && !b.basicUserInfo.isEmpty()) {
                    int colon = b.basicUserInfo.indexOf(':');
                    if (colon < 0) {
                        throw new IllegalArgumentException(BASIC_AUTH_USER_INFO + " must be 'user:password'");
                    }
                    user = b.basicUserInfo.substring(0, colon);
                    password = b.basicUserInfo.substring(colon + 1);
                }
            }
            case "URL" -> {
                if (urlUser == null) {
                    throw new IllegalArgumentException(
                            BASIC_AUTH_SOURCE + "=URL but " + URL + " has no user info (http://user:password@host)");
                }
                user = urlUser;
                password = urlPassword;
            }
            default ->
                throw new IllegalArgumentException("Unsupported " + BASIC_AUTH_SOURCE + " '" + b.basicAuthSource
                        + "': use USER_INFO (with " + BASIC_AUTH_USER_INFO + ") or URL");
        }
        this.basicUser = user;
        this.basicPassword = password;

        if (b.bearerAuthSource != null && !b.bearerAuthSource.trim().equalsIgnoreCase("STATIC_TOKEN")) {
            throw new IllegalArgumentException("Unsupported " + BEARER_AUTH_SOURCE + " '" + b.bearerAuthSource
                    + "': only STATIC_TOKEN (with " + BEARER_AUTH_TOKEN + ") is supported");
        }
        this.bearerToken = b.bearerToken == null || b.bearerToken.isEmpty() ? null : b.bearerToken;
        if (bearerToken != null && basicUser != null) {
            throw new IllegalArgumentException("Both basic auth and " + BEARER_AUTH_TOKEN + " are set; choose one");
        }

        this.truststore = checkStore(b.truststore, SSL_TRUSTSTORE_LOCATION);
        this.keystore = checkStore(b.keystore, SSL_KEYSTORE_LOCATION);
        this.keyPassword = b.keyPassword;
        this.sslProtocol = b.sslProtocol == null || b.sslProtocol.isBlank() ? "TLS" : b.sslProtocol.trim();
        this.connectTimeout = positive(b.connectTimeout, CONNECT_TIMEOUT_MS);
        this.readTimeout = positive(b.readTimeout, READ_TIMEOUT_MS);
        if (b.maxRetries < 0 || b.maxRetries > 100) {
            throw new IllegalArgumentException(MAX_RETRIES + " must be between 0 and 100, was " + b.maxRetries);
        }
        this.maxRetries = b.maxRetries;
        if (b.retryBackoff.isNegative() || b.maxRetryBackoff.isNegative()) {
            throw new IllegalArgumentException(
                    RETRIES_WAIT_MS + " and " + RETRIES_MAX_WAIT_MS + " must not be negative");
        }
        if (b.maxRetryBackoff.compareTo(b.retryBackoff) < 0) {
            throw new IllegalArgumentException(RETRIES_MAX_WAIT_MS + " (" + b.maxRetryBackoff.toMillis() + ") is below "
                    + RETRIES_WAIT_MS + " (" + b.retryBackoff.toMillis() + ")");
        }
        this.retryBackoff = b.retryBackoff;
        this.maxRetryBackoff = b.maxRetryBackoff;
        if (truststore != null || keystore != null) {
            this.sslContext = buildSslContext(); // fail at configuration time, not at the first record
        }
    }

    private static StoreSpec checkStore(StoreSpec spec, String key) {
        if (spec == null || spec.location() == null) return null;
        if (!Files.isReadable(spec.location())) {
            throw new IllegalArgumentException(key + " '" + spec.location() + "' does not exist or is not readable");
        }
        return new StoreSpec(
                spec.location(),
                spec.password(),
                spec.type() == null || spec.type().isBlank()
                        ? KeyStore.getDefaultType()
                        : spec.type().trim());
    }

    private static Duration positive(Duration d, String key) {
        if (d == null || d.isZero() || d.isNegative())
            throw new IllegalArgumentException(key + " must be positive, was " + d);
        return d;
    }

    /**
     * The client settings, in the keys above, for a registry at {@code url} with optional HTTP basic
     * credentials ({@code user:password}) or bearer token: what the enrichment job, the retrainer and
     * the model registry's event publisher build from their {@code registry.*} settings.
     *
     * @param url the registry URL, or null to leave it to another source
     */
    public static Map<String, String> clientSettings(String url, String basicAuthUserInfo, String bearerToken) {
        Map<String, String> m = new HashMap<>();
        if (url != null) {
            m.put(URL, url);
        }
        if (basicAuthUserInfo != null) {
            m.put(BASIC_AUTH_SOURCE, "USER_INFO");
            m.put(BASIC_AUTH_USER_INFO, basicAuthUserInfo);
        }
        if (bearerToken != null) {
            m.put(BEARER_AUTH_TOKEN, bearerToken);
        }
        return Map.copyOf(m);
    }

    /** Reads the Confluent-style keys described in the class doc; unknown keys are ignored. */
    public static SchemaRegistryConfig fromMap(Map<String, ?> configs) {
        Builder b = builder();
        Object url = get(configs, URL);
        if (url instanceof Collection<?> c) {
            for (Object o : c) b.urls.addAll(splitUrls(string(o)));
        } else if (url != null) {
            b.urls.addAll(splitUrls(string(url)));
        }
        b.basicAuthSource = string(get(configs, BASIC_AUTH_SOURCE));
        b.basicUserInfo = string(get(configs, BASIC_AUTH_USER_INFO));
        b.bearerAuthSource = string(get(configs, BEARER_AUTH_SOURCE));
        b.bearerToken = string(get(configs, BEARER_AUTH_TOKEN));
        String ts = string(get(configs, SSL_TRUSTSTORE_LOCATION));
        if (ts != null && !ts.isBlank()) {
            b.truststore = new StoreSpec(
                    Paths.get(ts),
                    string(get(configs, SSL_TRUSTSTORE_PASSWORD)),
                    string(get(configs, SSL_TRUSTSTORE_TYPE)));
        }
        String ks = string(get(configs, SSL_KEYSTORE_LOCATION));
        if (ks != null && !ks.isBlank()) {
            b.keystore = new StoreSpec(
                    Paths.get(ks),
                    string(get(configs, SSL_KEYSTORE_PASSWORD)),
                    string(get(configs, SSL_KEYSTORE_TYPE)));
        }
        b.keyPassword = string(get(configs, SSL_KEY_PASSWORD));
        b.sslProtocol = string(get(configs, SSL_PROTOCOL));
        Long v;
        if ((v = number(configs, CONNECT_TIMEOUT_MS)) != null) b.connectTimeout = Duration.ofMillis(v);
        if ((v = number(configs, READ_TIMEOUT_MS)) != null) b.readTimeout = Duration.ofMillis(v);
        if ((v = number(configs, MAX_RETRIES)) != null) b.maxRetries = Math.toIntExact(v);
        if ((v = number(configs, RETRIES_WAIT_MS)) != null) b.retryBackoff = Duration.ofMillis(v);
        if ((v = number(configs, RETRIES_MAX_WAIT_MS)) != null) b.maxRetryBackoff = Duration.ofMillis(v);
        return b.build();
    }

    private static List<String> splitUrls(String s) {
        List<String> out = new ArrayList<>();
        if (s == null) return out;
        for (String part : s.split(",")) if (!part.isBlank()) out.add(part.trim());
        return out;
    }

    /** Looks a key up as given, then with or without the {@code schema.registry.} prefix. */
    static Object get(Map<String, ?> configs, String key) {
        Object v = configs.get(key);
        if (v == null) {
            v = key.startsWith(PREFIX) ? configs.get(key.substring(PREFIX.length())) : configs.get(PREFIX + key);
        }
        return v;
    }

    /** {@code toString()} of a value, unwrapping Kafka's {@code Password} (whose toString hides the value). */
    static String string(Object v) {
        if (v == null) return null;
        if (v.getClass().getName().equals("org.apache.kafka.common.config.types.Password")) {
            try {
                return (String) v.getClass().getMethod("value").invoke(v);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("Cannot read a Kafka Password value", e);
            }
        }
        return v.toString();
    }

    private static Long number(Map<String, ?> configs, String key) {
        Object v = get(configs, key);
        if (v == null) return null;
        if (v instanceof Number n) return n.longValue();
        String s = string(v).trim();
        if (s.isEmpty()) return null;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + s + "'", e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The registry base URLs, without trailing slash and without user info. */
    public List<URI> urls() {
        return urls;
    }

    public boolean hasBasicAuth() {
        return basicUser != null;
    }

    public String basicAuthUser() {
        return basicUser;
    }

    String basicAuthPassword() {
        return basicPassword;
    }

    public boolean hasBearerToken() {
        return bearerToken != null;
    }

    String bearerToken() {
        return bearerToken;
    }

    /** The {@code Authorization} header value, or null. */
    String authorizationHeader() {
        if (bearerToken != null) return "Bearer " + bearerToken;
        if (basicUser != null) {
            return "Basic "
                    + java.util.Base64.getEncoder()
                            .encodeToString((basicUser + ":" + basicPassword).getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    public StoreSpec truststore() {
        return truststore;
    }

    public StoreSpec keystore() {
        return keystore;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Duration retryBackoff() {
        return retryBackoff;
    }

    public Duration maxRetryBackoff() {
        return maxRetryBackoff;
    }

    /** The SSLContext made from the trust and key stores, or null when none is configured (JVM defaults apply). */
    public SSLContext sslContext() {
        return sslContext;
    }

    private SSLContext buildSslContext() {
        try {
            TrustManagerFactory tmf = null;
            if (truststore != null) {
                KeyStore ts = load(truststore, SSL_TRUSTSTORE_LOCATION);
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ts);
            }
            KeyManagerFactory kmf = null;
            if (keystore != null) {
                KeyStore ks = load(keystore, SSL_KEYSTORE_LOCATION);
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                String kp = keyPassword != null ? keyPassword : keystore.password();
                try {
                    kmf.init(ks, kp == null ? new char[0] : kp.toCharArray());
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException(
                            "Cannot read the private key in " + keystore.location() + ": wrong " + SSL_KEY_PASSWORD
                                    + "? (" + e.getMessage() + ")",
                            e);
                }
            }
            SSLContext ctx = SSLContext.getInstance(sslProtocol);
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "Cannot build the TLS context for the schema registry (" + SSL_PROTOCOL + "=" + sslProtocol + "): "
                            + e.getMessage(),
                    e);
        }
    }

    private static KeyStore load(StoreSpec spec, String key) {
        try (InputStream in = Files.newInputStream(spec.location())) {
            KeyStore ks = KeyStore.getInstance(spec.type());
            ks.load(in, spec.password() == null ? null : spec.password().toCharArray());
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "Cannot load " + key + " '" + spec.location() + "' as " + spec.type()
                            + ": wrong password or type? Check " + key.replace(".location", ".password") + " and "
                            + key.replace(".location", ".type") + " (" + e.getMessage() + ")",
                    e);
        }
    }

    @Override
    public String toString() {
        return "SchemaRegistryConfig[urls=" + urls + ", auth="
                + (bearerToken != null ? "bearer" : basicUser != null ? "basic(" + basicUser + ")" : "none")
                + ", truststore=" + truststore + ", keystore=" + keystore
                + ", connectTimeout=" + connectTimeout.toMillis() + "ms, readTimeout=" + readTimeout.toMillis()
                + "ms, maxRetries=" + maxRetries + ", backoff=" + retryBackoff.toMillis() + ".."
                + maxRetryBackoff.toMillis() + "ms]";
    }

    /** Programmatic construction; {@link #build()} validates. */
    public static final class Builder {
        private final List<String> urls = new ArrayList<>();
        private String basicAuthSource;
        private String basicUserInfo;
        private String bearerAuthSource;
        private String bearerToken;
        private StoreSpec truststore;
        private StoreSpec keystore;
        private String keyPassword;
        private String sslProtocol;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(10);
        private int maxRetries = 3;
        private Duration retryBackoff = Duration.ofMillis(100);
        private Duration maxRetryBackoff = Duration.ofSeconds(2);

        private Builder() {}

        /** One or more base URLs (each may be comma separated). */
        public Builder url(String... urls) {
            for (String u : urls) this.urls.addAll(splitUrls(Objects.requireNonNull(u, "url")));
            return this;
        }

        public Builder basicAuth(String user, String password) {
            this.basicAuthSource = "USER_INFO";
            this.basicUserInfo = user + ":" + password;
            return this;
        }

        public Builder bearerToken(String token) {
            this.bearerToken = token;
            return this;
        }

        public Builder truststore(Path location, String password, String type) {
            this.truststore = new StoreSpec(location, password, type);
            return this;
        }

        public Builder keystore(Path location, String password, String type, String keyPassword) {
            this.keystore = new StoreSpec(location, password, type);
            this.keyPassword = keyPassword;
            return this;
        }

        public Builder sslProtocol(String protocol) {
            this.sslProtocol = protocol;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder readTimeout(Duration d) {
            this.readTimeout = d;
            return this;
        }

        public Builder maxRetries(int n) {
            this.maxRetries = n;
            return this;
        }

        /** First backoff (doubled per retry) and its cap. */
        public Builder retryBackoff(Duration initial, Duration max) {
            this.retryBackoff = initial;
            this.maxRetryBackoff = max;
            return this;
        }

        public SchemaRegistryConfig build() {
            return new SchemaRegistryConfig(this);
        }
    }
}
