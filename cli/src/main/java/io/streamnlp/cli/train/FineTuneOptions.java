package io.streamnlp.cli.train;

import io.streamnlp.finetune.train.FineTuneConfig;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options of {@code train --fine-tune}; each setting is refused without {@code --fine-tune}. */
final class FineTuneOptions {

    private static final FineTuneConfig DEFAULTS = FineTuneConfig.defaults();
    private static final List<String> SETTINGS = List.of(
            "--epochs", "--max-steps", "--lr", "--head-lr", "--batch", "--max-length", "--max-seconds", "--eval-every");

    @Option(
            names = "--fine-tune",
            description = "Fine-tune the encoder together with the head (DJL, PyTorch engine,"
                    + " CPU) instead of training a head on the frozen shared encoder.")
    boolean enabled;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "Fine-tuning: passes over the training data (default: ${DEFAULT-VALUE}).")
    int epochs = DEFAULTS.epochs();

    @Option(
            names = "--max-steps",
            paramLabel = "N",
            description =
                    "Fine-tuning: optimizer steps at most, also the length of the learning-rate schedule (default: all epochs).")
    int maxSteps = DEFAULTS.maxSteps();

    @Option(
            names = "--lr",
            paramLabel = "X",
            description = "Fine-tuning: encoder learning rate (default: ${DEFAULT-VALUE}).")
    float lr = DEFAULTS.learningRate();

    @Option(
            names = "--head-lr",
            paramLabel = "X",
            description = "Fine-tuning: head learning rate (default: ${DEFAULT-VALUE}).")
    float headLr = DEFAULTS.headLearningRate();

    @Option(
            names = "--batch",
            paramLabel = "N",
            description = "Fine-tuning: examples per step (default: ${DEFAULT-VALUE}).")
    int batch = DEFAULTS.batchSize();

    @Option(
            names = "--max-length",
            paramLabel = "N",
            description = "Fine-tuning: tokens per text (default: ${DEFAULT-VALUE}).")
    int maxLength = DEFAULTS.maxLength();

    @Option(
            names = "--max-seconds",
            paramLabel = "S",
            description =
                    "Fine-tuning: stop after S seconds of training and keep the best checkpoint so far (default: no limit).")
    long maxSeconds = DEFAULTS.maxSeconds();

    @Option(
            names = "--eval-every",
            paramLabel = "N",
            description = "Fine-tuning: evaluate on dev every N steps (default: once per epoch and at the end).")
    int evalEvery = DEFAULTS.evalEverySteps();

    /** The run's settings; a usage error when a value is out of range. */
    FineTuneConfig config(CommandLine cl, long seed) {
        try {
            return new FineTuneConfig(
                    epochs,
                    maxSteps,
                    batch,
                    lr,
                    headLr,
                    DEFAULTS.warmupFraction(),
                    DEFAULTS.maxGradNorm(),
                    maxSeconds,
                    evalEvery,
                    maxLength,
                    seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    /** A usage error when a fine-tuning setting was given without {@code --fine-tune}. */
    void refuseSettings(CommandLine cl) {
        for (String option : SETTINGS) {
            if (cl.getParseResult().hasMatchedOption(option)) {
                throw new CommandLine.ParameterException(cl, option + " applies only with --fine-tune");
            }
        }
    }
}
