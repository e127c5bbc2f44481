package io.streamnlp.cli.service;

import io.streamnlp.config.ConfigException;
import io.streamnlp.config.ConfigOption;
import io.streamnlp.config.ConfigSources;
import io.streamnlp.config.Options;
import io.streamnlp.config.Settings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * What the commands that serve until stopped ({@code serve}, {@code console}) share. Their settings: {@code --config}
 * files, then the {@code STREAMNLP_*} environment, then {@code --key value} arguments (docs/configuration.md), then
 * the command's own short options; a setting the program refuses is a usage error (exit status 2) before anything
 * starts. And their end: announce where they serve, then wait for SIGTERM or Ctrl-C (the JVM's shutdown) and return,
 * so that the command closes what it started.
 */
public abstract class ServiceCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file (repeatable; later files win over earlier ones).")
    List<Path> configs = new ArrayList<>();

    @Unmatched
    List<String> overrides = new ArrayList<>();

    private final CountDownLatch stopped = new CountDownLatch(1);

    /** A command's option that stands for a key ({@code --port} for {@code server.port}), null when not given. */
    protected record Shortcut(ConfigOption<?> option, Object value) {}

    protected static Shortcut shortcut(ConfigOption<?> option, Object value) {
        return new Shortcut(option, value);
    }

    /** The settings of the keys {@code declared}, from every source. */
    protected final Settings resolve(Options declared, Shortcut... shortcuts) {
        return validated(() -> {
            Map<String, String> keyValues =
                    new LinkedHashMap<>(ConfigSources.parse(overrides).overrides());
            for (Shortcut shortcut : shortcuts) {
                if (shortcut.value() != null) {
                    keyValues.put(shortcut.option().key(), shortcut.value().toString());
                }
            }
            return ConfigSources.resolve(declared, configs, System.getenv(), keyValues);
        });
    }

    /** What {@code reading} builds from the settings; a {@link ConfigException} is a usage error. */
    protected final <T> T validated(Supplier<T> reading) {
        try {
            return reading.get();
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * Prints {@code banner}, then waits for Ctrl-C or SIGTERM (or {@link #stop}, or an interrupt); the caller then
     * closes what it serves, before the JVM's shutdown hooks run ({@link StopSignals}).
     */
    protected final void serveUntilStopped(String... banner) {
        StopSignals.install(spec.name(), stopped);
        PrintWriter out = spec.commandLine().getOut();
        for (String line : banner) {
            out.println(line);
        }
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the wait as SIGTERM would, for a test that runs the command in its own JVM. */
    public final void stop() {
        stopped.countDown();
    }
}
