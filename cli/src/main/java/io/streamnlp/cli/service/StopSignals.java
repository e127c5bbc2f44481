package io.streamnlp.cli.service;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Turns Ctrl-C and SIGTERM into a request to stop, so that a long-running command (the demo, {@code serve},
 * {@code console}, {@code registry serve}) closes its job, servers and models itself before the JVM's shutdown
 * hooks run. Stopping in a shutdown hook is not safe here: ONNX Runtime's
 * own hook releases its native environment at the same time, while a session may still be running, and
 * the JVM crashes (microsoft/onnxruntime#31352). A second signal stops at once.
 */
public final class StopSignals {
    public static final int EXIT_INTERRUPTED = 130;

    private StopSignals() {}

    /** Installs the handlers; the latch opens on the first signal; {@code command} names it on stderr. */
    public static CountDownLatch install(String command) {
        CountDownLatch requested = new CountDownLatch(1);
        install(command, requested);
        return requested;
    }

    /** Installs the handlers that open {@code requested} on the first signal. */
    public static void install(String command, CountDownLatch requested) {
        AtomicBoolean seen = new AtomicBoolean();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                if (seen.getAndSet(true)) {
                    Runtime.getRuntime().halt(EXIT_INTERRUPTED);
                }
                System.err.println(command + ": stopping (again to stop at once)");
                requested.countDown();
            });
        }
    }
}
