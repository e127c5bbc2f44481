package io.streamnlp.cli.retrainer;

import io.streamnlp.retrainer.RetrainerApp;
import io.streamnlp.retrainer.RetrainerConfig;
import io.streamnlp.retrainer.job.ConfigReader;
import io.streamnlp.retrainer.job.InvalidConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code streamnlp retrainer --config FILE [--key value ...]}: the retrain trigger and the retraining
 * job in one process, until it is stopped (SIGTERM, Ctrl-C) or one of them dies (exit status 1, for the
 * supervisor to restart it). Keys: docs/retraining.md.
 */
@Command(name = "retrainer", mixinStandardHelpOptions = true,
        description = {"Run the retrain trigger (drift + feedback -> retrain requests) and the retraining job "
                + "(retrain requests -> evaluated challengers, promoted when they win) until stopped.",
                "Any key of the configuration can be overridden as --key value, e.g. --retrain.promotion-margin 0.05."})
public final class RetrainerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "Properties file (repeatable; later files win over earlier ones).")
    List<Path> configs;

    @Unmatched
    List<String> overrides = new ArrayList<>();

    /** The settings the command would run with. */
    RetrainerConfig config() {
        List<String> args = new ArrayList<>();
        for (Path config : configs) {
            args.add("--config");
            args.add(config.toString());
        }
        args.addAll(overrides);
        try {
            return RetrainerConfig.of(ConfigReader.parseArgs(args.toArray(String[]::new)));
        } catch (InvalidConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** 0 once stopped, {@link RetrainerApp#EXIT_WORKER_DIED} when the job or the trigger died. */
    @Override
    public Integer call() throws InterruptedException {
        return RetrainerApp.runUntilStopped(config());
    }
}
