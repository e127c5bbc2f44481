package io.streamnlp.cli.retrainer;

import io.streamnlp.config.ConfigException;
import io.streamnlp.config.ConfigSources;
import io.streamnlp.retrainer.RetrainerApp;
import io.streamnlp.retrainer.RetrainerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
@Command(
        name = "retrainer",
        mixinStandardHelpOptions = true,
        description = {
            "Run the retrain trigger (drift + feedback -> retrain requests) and the retraining job "
                    + "(retrain requests -> evaluated challengers, promoted when they win) until stopped.",
            "Any key of the configuration can be overridden as --key value, e.g. --retrain.promotion-margin 0.05."
        })
public final class RetrainerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            required = true,
            description = "Properties file (repeatable; later files win over earlier ones).")
    List<Path> configs;

    @Unmatched
    List<String> overrides = new ArrayList<>();

    /** The settings the command would run with: the files, then the environment, then the overrides. */
    RetrainerConfig config() {
        try {
            Map<String, String> keyValues = ConfigSources.parse(overrides).overrides();
            return RetrainerConfig.of(
                    ConfigSources.resolve(RetrainerConfig.OPTIONS, configs, System.getenv(), keyValues));
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** 0 once stopped, {@link RetrainerApp#EXIT_WORKER_DIED} when the job or the trigger died. */
    @Override
    public Integer call() throws InterruptedException {
        return RetrainerApp.runUntilStopped(config());
    }
}
