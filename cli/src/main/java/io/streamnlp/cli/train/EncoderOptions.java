package io.streamnlp.cli.train;

import io.streamnlp.bundle.BuiltinEncoder;
import io.streamnlp.bundle.Pooling;
import io.streamnlp.training.job.EncoderChoice;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code train --encoder}, {@code --encoder-dir} and {@code --pooling}: which encoder a new model's heads read, pooled how. */
final class EncoderOptions {

    @Option(
            names = "--encoder",
            paramLabel = "NAME",
            description = "Built-in encoder a new model's heads train on: all-minilm-l6-v2 (default, the"
                    + " fastest), bge-small-en-v15 or e5-small-v2 (half as fast; for sentiment they leave a third"
                    + " of MiniLM's errors; docs/training.md, Encoders). An existing model keeps its own.")
    String name;

    @Option(
            names = "--encoder-dir",
            paramLabel = "DIR",
            description = "A Hugging Face Optimum feature-extraction export (model.onnx, tokenizer.json) for a new"
                    + " model's heads to train on; the bundle carries a copy.")
    Path exportDir;

    @Option(
            names = "--pooling",
            paramLabel = "P",
            description = "Sentence pooling of a new model, mean, cls or mean+max (default: the encoder's own).")
    String pooling;

    /**
     * The chosen encoder.
     *
     * @throws CommandLine.ParameterException if the name is not a built-in encoder, the pooling is unknown or
     *     both a name and a directory are given
     */
    EncoderChoice choice(CommandLine cl) {
        if (name != null && BuiltinEncoder.byId(name).isEmpty()) {
            throw new CommandLine.ParameterException(
                    cl, "--encoder: unknown encoder '" + name + "' (known: " + BuiltinEncoder.knownIds() + ")");
        }
        if (name != null && exportDir != null) {
            throw new CommandLine.ParameterException(cl, "give --encoder or --encoder-dir, not both");
        }
        try {
            return new EncoderChoice(name, exportDir, pooling == null ? null : Pooling.parse(pooling));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--pooling: " + e.getMessage());
        }
    }

    /** Fine-tuning runs on MiniLM only: naming another encoder or pooling there is a mistake. */
    void refuseWithFineTune(CommandLine cl) {
        if (name != null || exportDir != null || pooling != null) {
            throw new CommandLine.ParameterException(
                    cl,
                    "--encoder, --encoder-dir and --pooling choose the encoder of head training, not of --fine-tune");
        }
    }
}
