package io.streamnlp.cli.registry;

import io.streamnlp.registry.ModelVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "register",
        mixinStandardHelpOptions = true,
        description = "Add a directory (a StreamNLP bundle or Hugging Face ONNX export) as the model's next version.")
final class RegisterCommand extends RegistrySubcommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory with the model's files.")
    Path directory;

    @Option(
            names = "--task",
            paramLabel = "T",
            description = "Task the version serves (repeatable; default for a bundle: every task it declares).")
    List<String> tasks = new ArrayList<>();

    @Mixin
    RegistrationOptions registration;

    @Mixin
    EventOptions events;

    @Override
    EventOptions events() {
        return events;
    }

    @Override
    int execute() {
        ModelVersion version = registry()
                .register(
                        registration.name,
                        directory,
                        registration.request(tasks).build());
        out().println("registered " + version.name() + ":" + version.version() + " " + version.digest());
        return 0;
    }
}
