package io.streamnlp.cli.train;

import io.streamnlp.finetune.train.FineTuneConfig;
import io.streamnlp.finetune.train.FineTuneConfig.Setting;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options of {@code train --fine-tune}; each setting is refused without {@code --fine-tune}. */
final class FineTuneOptions {

    private static final FineTuneConfig DEFAULTS = FineTuneConfig.defaults();
    private static final List<String> SETTINGS = List.of(
            "--epochs",
            "--max-steps",
            "--lr",
            "--head-lr",
            "--warmup",
            "--batch",
            "--max-length",
            "--max-seconds",
            "--eval-every",
            "--patience");
    /** Each option's {@link FineTuneConfig} component, which that record's validation messages name. */
    private static final Map<String, String> OPTION_OF_COMPONENT = Map.of(
            "epochs", "--epochs",
            "maxSteps", "--max-steps",
            "batchSize", "--batch",
            "learningRate", "--lr",
            "headLearningRate", "--head-lr",
            "warmupFraction", "--warmup",
            "maxSeconds", "--max-seconds",
            "evalEverySteps", "--eval-every",
            "maxLength", "--max-length",
            "patience", "--patience");
    /** The settings that --max-seconds picks unless given. */
    private static final Map<String, Setting> PICKABLE = Map.of(
            "--epochs", Setting.EPOCHS,
            "--max-steps", Setting.MAX_STEPS,
            "--lr", Setting.LEARNING_RATE,
            "--head-lr", Setting.HEAD_LEARNING_RATE,
            "--warmup", Setting.WARMUP,
            "--max-length", Setting.MAX_LENGTH,
            "--eval-every", Setting.EVAL_EVERY,
            "--patience", Setting.PATIENCE);

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
            names = "--warmup",
            paramLabel = "FRACTION",
            description =
                    "Fine-tuning: share of the steps over which the learning rates warm up (default: ${DEFAULT-VALUE}).")
    float warmup = DEFAULTS.warmupFraction();

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
                    "Fine-tuning: train and evaluate within S seconds, keeping the best checkpoint; the settings not"
                            + " given (epochs, max steps, max length, rates, warm-up, eval every, patience) are picked"
                            + " to fit (default: no limit).")
    long maxSeconds = DEFAULTS.maxSeconds();

    @Option(
            names = "--eval-every",
            paramLabel = "N",
            description = "Fine-tuning: evaluate on dev every N steps (default: once per epoch and at the end).")
    int evalEvery = DEFAULTS.evalEverySteps();

    @Option(
            names = "--patience",
            paramLabel = "N",
            description = "Fine-tuning: stop after N dev evaluations in a row without a better score (default: never).")
    int patience = DEFAULTS.patience();

    /** The run's settings; a usage error when a value is out of range. */
    FineTuneConfig config(CommandLine cl, long seed) {
        try {
            return new FineTuneConfig(
                    epochs,
                    maxSteps,
                    batch,
                    lr,
                    headLr,
                    warmup,
                    DEFAULTS.maxGradNorm(),
                    maxSeconds,
                    evalEvery,
                    maxLength,
                    patience,
                    seed,
                    maxSeconds > 0 ? notGiven(cl) : Set.of());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, namingTheOption(e.getMessage()));
        }
    }

    /** {@code "maxSeconds must be >= 0, got -1"} as {@code "--max-seconds must be >= 0, got -1"}: what the user typed. */
    private static String namingTheOption(String message) {
        int space = message.indexOf(' ');
        String option = space < 0 ? null : OPTION_OF_COMPONENT.get(message.substring(0, space));
        return option == null ? message : option + message.substring(space);
    }

    private static Set<Setting> notGiven(CommandLine cl) {
        EnumSet<Setting> picked = EnumSet.noneOf(Setting.class);
        PICKABLE.forEach((option, setting) -> {
            if (!cl.getParseResult().hasMatchedOption(option)) {
                picked.add(setting);
            }
        });
        return picked;
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
