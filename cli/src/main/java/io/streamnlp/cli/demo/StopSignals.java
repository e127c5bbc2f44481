package io.streamnlp.cli.demo;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Turns Ctrl-C and SIGTERM into a request to stop, so that the demo closes its job, retrainer and models
 * itself before the JVM's shutdown hooks run. Stopping in a shutdown hook is not safe here: ONNX Runtime's
 * own hook releases its native environment at the same time, while a session may still be running, and
 * the JVM crashes (microsoft/onnxruntime#31352). A second signal stops at once.
 */
final class StopSignals {
    static final int EXIT_INTERRUPTED = 130;

    private StopSignals() {}

    /** Installs the handlers; the latch opens on the first signal. */
    static CountDownLatch install() {
        CountDownLatch requested = new CountDownLatch(1);
        AtomicBoolean seen = new AtomicBoolean();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                if (seen.getAndSet(true)) {
                    Runtime.getRuntime().halt(EXIT_INTERRUPTED);
                }
                System.err.println("demo: stopping (again to stop at once)");
                requested.countDown();
            });
        }
        return requested;
    }
}
