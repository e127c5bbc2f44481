package io.streamnlp.cli.train;

import io.streamnlp.bundle.BuiltinEncoder;
import io.streamnlp.bundle.Pooling;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code train --encoder} and {@code --pooling}: which built-in encoder a new model's heads read, pooled how. */
final class EncoderOptions {

    @Option(
            names = "--encoder",
            paramLabel = "NAME",
            description = "Built-in encoder a new model's heads train on: all-minilm-l6-v2 (default),"
                    + " bge-small-en-v15 or e5-small-v2 (docs/training.md, Encoders). An existing model"
                    + " keeps its own.")
    String name;

    @Option(
            names = "--pooling",
            paramLabel = "P",
            description = "Sentence pooling of a new model, mean or cls (default: the encoder's own).")
    String pooling;

    /**
     * The named encoder's name, or null for the model's own.
     *
     * @throws CommandLine.ParameterException if it is not a built-in encoder
     */
    String encoder(CommandLine cl) {
        if (name != null && BuiltinEncoder.byId(name).isEmpty()) {
            throw new CommandLine.ParameterException(
                    cl, "--encoder: unknown encoder '" + name + "' (known: " + BuiltinEncoder.knownIds() + ")");
        }
        return name;
    }

    /**
     * The named pooling, or null for the model's own.
     *
     * @throws CommandLine.ParameterException if it is neither mean nor cls
     */
    Pooling pooling(CommandLine cl) {
        try {
            return pooling == null ? null : Pooling.parse(pooling);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--pooling: " + e.getMessage());
        }
    }

    /** Fine-tuning runs on MiniLM only: naming another encoder or pooling there is a mistake. */
    void refuseWithFineTune(CommandLine cl) {
        if (name != null || pooling != null) {
            throw new CommandLine.ParameterException(
                    cl, "--encoder and --pooling choose the encoder of head training, not of --fine-tune");
        }
    }
}
