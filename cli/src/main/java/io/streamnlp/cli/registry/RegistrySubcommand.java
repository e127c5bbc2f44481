package io.streamnlp.cli.registry;

import io.streamnlp.registry.InvalidNameException;
import io.streamnlp.registry.ModelLoadCheck;
import io.streamnlp.registry.ModelRegistry;
import io.streamnlp.registry.RegistryException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
        }
    }

    abstract int execute();

    ModelRegistry registry() {
        return location.open(ModelLoadCheck.standard());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
