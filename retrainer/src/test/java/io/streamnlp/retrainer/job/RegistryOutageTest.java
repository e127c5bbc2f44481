package io.streamnlp.retrainer.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.registry.ModelNotFoundException;
import io.streamnlp.registry.RegistryException;
import io.streamnlp.registry.RegistryUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryOutageTest {

    @Test
    void aFailedConnectionAnywhereInTheChainIsAnOutage() {
        ConnectException refused = new ConnectException("Connection refused");
        assertEquals(
                Optional.of(refused),
                RegistryOutage.causeOf(new UncheckedIOException(
                        "GET http://registry:8090/v1/models failed", new IOException(refused))));
        HttpConnectTimeoutException timeout = new HttpConnectTimeoutException("HTTP connect timed out");
        assertEquals(Optional.of(timeout), RegistryOutage.causeOf(new RegistryException("download failed", timeout)));
        RegistryUnavailableException unavailable =
                new RegistryUnavailableException("registry answered 503: restarting");
        assertEquals(Optional.of(unavailable), RegistryOutage.causeOf(unavailable));
    }

    @Test
    void whatTheRegistryAnswersOrTheJobDoesLocallyIsNot() {
        assertTrue(RegistryOutage.causeOf(new ModelNotFoundException("model 'x' is not in the registry"))
                .isEmpty());
        assertTrue(RegistryOutage.causeOf(new IOException("No space left on device"))
                .isEmpty());
        assertTrue(RegistryOutage.causeOf(new IllegalStateException("feedback topic 'f' does not exist"))
                .isEmpty());
    }
}
