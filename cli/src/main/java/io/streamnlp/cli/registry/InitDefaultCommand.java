package io.streamnlp.cli.registry;

import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.registry.ModelRegistry;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.training.bundle.DefaultBundle;
import io.streamnlp.training.heads.ProgressBar;
import io.streamnlp.training.heads.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
        name = "init-default",
        mixinStandardHelpOptions = true,
        description = "Make sure model 'default' has a champion: register the default bundle (built from the project's "
                + "seed data, cached after the first build) unless one is set. A promoted champion is left as it is.")
final class InitDefaultCommand extends RegistrySubcommand {

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Mixin
    EventOptions events;

    @Override
    EventOptions events() {
        return events;
    }

    @Override
    int execute() {
        ModelRegistry registry = registry();
        if (!(registry instanceof ModelStore store)) {
            throw new ParameterException(
                    spec.commandLine(), "init-default works on a registry directory (--registry DIR), not --url");
        }
        ProgressListener progress = quiet ? ProgressListener.NONE : ProgressBar.stderr();
        ModelVersion champion = DefaultBundle.ensure(store, InferenceOptions.defaults(), progress);
        out().println(DefaultBundle.MODEL + "@champion -> " + champion.version() + " " + champion.digest());
        return 0;
    }
}
