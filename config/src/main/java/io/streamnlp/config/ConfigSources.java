package io.streamnlp.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The one grammar of every entry point, lowest precedence first: the options' defaults, properties files
 * ({@code --config FILE}, repeatable, a later file winning), environment variables ({@code STREAMNLP_BATCH_MAX_SIZE}
 * for {@code batch.max-size}, declared options only), then {@code --key value} or {@code --key=value} arguments.
 * docs/configuration.md documents it.
 */
public final class ConfigSources {
    private ConfigSources() {}

    /** Files and arguments parsed, the order of files kept. */
    public record Arguments(List<Path> files, Map<String, String> overrides) {}

    /** {@code --config FILE} and {@code --key value} / {@code --key=value}, in any order. */
    public static Arguments parse(List<String> args) {
        List<Path> files = new ArrayList<>();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("expected --key value or --config FILE, got '" + arg + "'");
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new ConfigException(arg + " needs a value");
            }
            if (key.equals("config")) {
                files.add(Path.of(value));
            } else {
                overrides.put(key, value);
            }
        }
        return new Arguments(files, overrides);
    }

    /** The settings of a program's command line, {@code environment} being the process's. */
    public static Settings fromArguments(Options declared, Map<String, String> environment, String... args) {
        Arguments parsed = parse(List.of(args));
        return resolve(declared, parsed.files(), environment, parsed.overrides());
    }

    /** Files, then the environment, then overrides, each winning over what came before. */
    public static Settings resolve(
            Options declared, List<Path> files, Map<String, String> environment, Map<String, String> overrides) {
        Map<String, String> values = readFiles(files);
        values.putAll(declared.fromEnvironment(environment));
        values.putAll(overrides);
        return new Settings(declared, values);
    }

    /** Properties files merged, a later file's value winning. */
    public static Map<String, String> readFiles(List<Path> files) {
        Map<String, String> values = new TreeMap<>();
        for (Path file : files) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("malformed configuration file " + file + ": " + e.getMessage());
            }
            properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        }
        return values;
    }
}
