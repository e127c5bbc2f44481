package io.streamnlp.cli.registry;

import io.streamnlp.registry.InvalidNameException;
import io.streamnlp.registry.ModelRegistry;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.RegistryException;
import io.streamnlp.registry.events.ModelEventPublisher;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Shared shape of the registry subcommands: a bad name or reference is a usage error (exit 2);
 * a registry that refuses or fails is reported on one line (exit 1).
 */
abstract class RegistrySubcommand implements Callable<Integer> {

    static final int EXIT_FAILURE = 1;

    @Spec
    CommandSpec spec;

    @Mixin
    RegistryLocation location;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (InvalidNameException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (RegistryException | UncheckedIOException e) {
            err().println(spec.qualifiedName() + ": " + e.getMessage());
            err().flush();
            return EXIT_FAILURE;
        } finally {
            closeOpened();
        }
    }

    abstract int execute();

    /** The event options of commands that change the registry; null for commands that only read. */
    EventOptions events() {
        return null;
    }

    ModelRegistry registry() {
        ModelRegistry registry = location.open(ServingLoadCheck.INSTANCE);
        EventOptions events = events();
        if (events != null && events.enabled()) {
            if (!(registry instanceof ModelStore store)) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--kafka-bootstrap is for a local registry; a registry server publishes its own events");
            }
            ModelEventPublisher publisher = events.open();
            opened.add(publisher);
            store.addListener(publisher);
        }
        return registry;
    }

    private void closeOpened() {
        for (AutoCloseable resource : opened) {
            try {
                resource.close();
            } catch (Exception e) {
                err().println(spec.qualifiedName() + ": " + e.getMessage());
            }
        }
        opened.clear();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
