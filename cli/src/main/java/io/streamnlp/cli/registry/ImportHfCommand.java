package io.streamnlp.cli.registry;

import io.streamnlp.registry.ArtifactInspector;
import io.streamnlp.registry.ModelFormat;
import io.streamnlp.registry.ModelVersion;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "import-hf",
        mixinStandardHelpOptions = true,
        description = "Add a Hugging Face Optimum ONNX export (model.onnx or encoder_model.onnx + decoder_model.onnx, "
                + "tokenizer.json, config.json) as the model's next version; labels come from config.json id2label.")
final class ImportHfCommand extends RegistrySubcommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "The export directory.")
    Path directory;

    @Option(
            names = "--task",
            required = true,
            paramLabel = "T",
            description = "Task the model serves: ner (a token classifier), summarization (a seq2seq model) "
                    + "or a classification task name, e.g. classification or sentiment.")
    List<String> tasks;

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
        // check the layout before touching a remote registry, so a wrong directory fails fast and locally
        ArtifactInspector.inspect(directory, ModelFormat.HF_ONNX);
        ArtifactInspector.requireServes(directory, tasks);
        ModelVersion version = registry()
                .register(
                        registration.name,
                        directory,
                        registration.request(tasks).format(ModelFormat.HF_ONNX).build());
        out().println("registered " + version.name() + ":" + version.version() + " " + version.digest());
        return 0;
    }
}
