package io.streamnlp.schemas.registry;

/** HTTP 401 or 403: the registry refused the credentials (basic.auth.user.info, bearer.auth.token) or their rights. */
public class RegistryAuthException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public RegistryAuthException(String message, String url, int httpStatus, int errorCode) {
        super(message, url, httpStatus, errorCode);
    }
}
