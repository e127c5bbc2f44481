package io.streamnlp.training.heads;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {

    @Test
    void aStoppingListenerStopsTheWorkAtItsNextReportOnceAsked() {
        AtomicBoolean stop = new AtomicBoolean();
        ProgressListener listener = ProgressListener.stoppingWhen(stop::get);

        assertDoesNotThrow(() -> listener.start("encoding", 10));
        assertDoesNotThrow(() -> listener.advance(5));
        stop.set(true);

        CancellationException e = assertThrows(CancellationException.class, () -> listener.advance(6));
        assertEquals("work stopped", e.getMessage());
        assertThrows(CancellationException.class, () -> listener.start("training", 3));
        assertDoesNotThrow(() -> listener.finish(""));
    }
}
