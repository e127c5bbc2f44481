package io.streamnlp.registry.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks {@code Authorization: Bearer <token>}. Both sides are hashed before a
 * {@link MessageDigest#isEqual constant-time} comparison, so neither the token's content nor its
 * length leaks through timing.
 */
public final class BearerTokenAuthenticator {

    private static final String SCHEME = "Bearer ";

    private final byte[] expectedHash;

    public BearerTokenAuthenticator(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a bearer token must not be blank");
        }
        this.expectedHash = hash(token);
    }

    /** Throws 401 when the header is missing or not a bearer token, 403 when the token is wrong. */
    public void authorize(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new ApiException(401, "unauthenticated", "this request needs 'Authorization: Bearer <token>'");
        }
        String presented = authorizationHeader.substring(SCHEME.length()).trim();
        if (!MessageDigest.isEqual(expectedHash, hash(presented))) {
            throw new ApiException(403, "forbidden", "the bearer token is not valid for this server");
        }
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
