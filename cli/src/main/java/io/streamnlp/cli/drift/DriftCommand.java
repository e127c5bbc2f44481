package io.streamnlp.cli.drift;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnlp.bundle.InvalidBundleException;
import io.streamnlp.config.CommonOptions;
import io.streamnlp.drift.CalibrationSettings;
import io.streamnlp.drift.DriftCalculator;
import io.streamnlp.drift.DriftMetric;
import io.streamnlp.drift.DriftResult;
import io.streamnlp.drift.DriftThresholds;
import io.streamnlp.drift.DriftWindow;
import io.streamnlp.drift.Observation;
import io.streamnlp.drift.ReferenceProfile;
import io.streamnlp.drift.ReferenceProfileBuilder;
import io.streamnlp.drift.TaskThresholds;
import io.streamnlp.drift.ThresholdCalibration;
import io.streamnlp.drift.ThresholdCalibrator;
import io.streamnlp.drift.WindowPolicy;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.runtime.InferenceException;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.registry.InvalidNameException;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistryException;
import io.streamnlp.training.bundle.DefaultBundle;
import io.streamnlp.training.heads.ProgressListener;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code streamnlp drift}: the live drift computation over two files. The model's predictions on the reference file
 * make the reference profile, with thresholds calibrated on them for the window size and the false-alarm rate; the
 * current file is cut into windows of {@code --window} texts, each compared with it. Exit 0 whether or not anything drifted; 1 when the model cannot be loaded; 2 for bad arguments.
 */
@Command(
        name = "drift",
        mixinStandardHelpOptions = true,
        description = "Compare a model's predictions on CURRENT, window by window, with those on REFERENCE.")
public final class DriftCommand implements Callable<Integer> {

    static final int EXIT_FAILURE = 1;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--model",
            paramLabel = "REF",
            defaultValue = "default",
            description = "Model: NAME (its champion), NAME@ALIAS or NAME:VERSION (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = "--registry",
            paramLabel = "DIR",
            description =
                    "Registry directory (default: $STREAMNLP_HOME/registry, STREAMNLP_HOME defaulting to ~/.streamnlp).")
    Path registry;

    @Option(
            names = "--reference",
            paramLabel = "REF.tsv",
            required = true,
            description = "Reference texts: text<TAB>label or one text per line.")
    Path reference;

    @Option(
            names = "--current",
            paramLabel = "CUR.tsv",
            required = true,
            description = "Current texts, same format, compared window by window.")
    Path current;

    @Option(
            names = "--window",
            paramLabel = "N",
            defaultValue = "200",
            description = "Texts per window (default: ${DEFAULT-VALUE}); a shorter tail is left out.")
    int window;

    @Option(
            names = "--threshold",
            paramLabel = "METRIC=VALUE",
            description = "Override a threshold, e.g. --threshold js_distance=0.15 (repeatable).")
    Map<String, Double> thresholdOverrides = Map.of();

    @Option(
            names = "--false-alarm-rate",
            paramLabel = "RATE",
            defaultValue = "0.01",
            description = "Chance that a stationary window alarms on any task and metric; thresholds are calibrated"
                    + " for it on the reference (default: ${DEFAULT-VALUE}).")
    double falseAlarmRate;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        if (window < 2) {
            throw new ParameterException(spec.commandLine(), "--window must be at least 2, got " + window);
        }
        DriftThresholds overrides = overrides();
        CalibrationSettings calibration = calibration();
        ModelReference modelReference = modelReference();
        List<String> referenceTexts = texts(reference);
        List<String> currentTexts = texts(current);
        if (currentTexts.size() < window) {
            throw new ParameterException(
                    spec.commandLine(),
                    current + " has " + currentTexts.size() + " texts, fewer than one window of " + window
                            + "; pass a smaller --window");
        }

        ModelVersion version;
        List<Observation> referenceObservations;
        List<Observation> currentObservations;
        try {
            ModelStore store = ModelStore.open(registryDirectory());
            DefaultBundle.ensureIfNamed(store, modelReference, InferenceOptions.defaults(), ProgressListener.NONE);
            version = store.resolve(modelReference);
            try (NlpPipeline pipeline = NlpPipeline.load(store.directory(version), InferenceOptions.defaults())) {
                if (pipeline.classifiers().isEmpty()) {
                    err().println("drift: model " + version + " has no classification task to measure");
                    return EXIT_FAILURE;
                }
                referenceObservations = PipelineObservations.of(pipeline, referenceTexts);
                currentObservations = PipelineObservations.of(pipeline, currentTexts);
            }
        } catch (RegistryException | InvalidBundleException | InferenceException | UncheckedIOException e) {
            err().println("drift: " + e.getMessage());
            return EXIT_FAILURE;
        }

        ReferenceProfile profile = new ReferenceProfileBuilder()
                .addAll(referenceObservations)
                .build()
                .withCalibrations(new ThresholdCalibrator(calibration).calibrate(referenceObservations));
        TaskThresholds thresholds = TaskThresholds.forWindow(
                profile, new WindowPolicy.Count(window), DriftThresholds.defaults(), overrides);
        DriftCalculator calculator = new DriftCalculator(thresholds);
        List<List<DriftResult>> windows = new ArrayList<>();
        for (int from = 0; from + window <= currentObservations.size(); from += window) {
            DriftWindow live = new DriftWindow();
            currentObservations.subList(from, from + window).forEach(live::add);
            windows.add(calculator.compute(profile, live));
        }
        Report report = new Report(version, referenceTexts.size(), currentTexts.size(), window, thresholds, windows);
        if (json) {
            out().println(report.toJson());
        } else {
            report.printTable(out());
        }
        out().flush();
        return 0;
    }

    private DriftThresholds overrides() {
        try {
            return DriftThresholds.fromWireNames(thresholdOverrides);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--threshold: " + e.getMessage());
        }
    }

    private CalibrationSettings calibration() {
        try {
            return CalibrationSettings.defaults()
                    .withFalseAlarmRate(falseAlarmRate)
                    .withWindowSizes(List.of(window));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--false-alarm-rate: " + e.getMessage());
        }
    }

    private ModelReference modelReference() {
        try {
            return ModelReference.parse(model);
        } catch (InvalidNameException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--model: " + e.getMessage());
        }
    }

    private List<String> texts(Path file) {
        try {
            return TextFiles.read(file);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Path registryDirectory() {
        return registry != null ? registry : CommonOptions.defaultModelRegistryDir();
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** What the command prints: per-window results by task, the window counts and the thresholds. */
    record Report(
            ModelVersion model,
            int referenceTexts,
            int currentTexts,
            int window,
            TaskThresholds thresholds,
            List<List<DriftResult>> windows) {

        private static final ObjectMapper JSON =
                new ObjectMapper().addMixIn(DriftResult.class, ThresholdsPrintedOnce.class);

        @JsonIgnoreProperties("thresholds")
        private abstract static class ThresholdsPrintedOnce {}

        long driftedWindows() {
            return windows.stream()
                    .filter(w -> w.stream().anyMatch(DriftResult::drifted))
                    .count();
        }

        String toJson() {
            ObjectNode root = JSON.createObjectNode();
            ObjectNode modelNode = root.putObject("model");
            modelNode.put("name", model.name());
            modelNode.put("version", model.version());
            modelNode.put("digest", model.digest());
            root.put("reference_texts", referenceTexts);
            root.put("current_texts", currentTexts);
            root.put("window", window);
            root.put("windows", windows.size());
            root.put("drifted_windows", driftedWindows());
            root.set("thresholds", JSON.valueToTree(thresholdsByTask()));
            ThresholdCalibration calibration = thresholds.calibration();
            if (calibration == null) {
                root.putNull("calibration");
            } else {
                ObjectNode c = root.putObject("calibration");
                c.put("window_size", calibration.windowSize());
                c.put("false_alarm_rate", calibration.falseAlarmRate());
                c.put("bootstrap_windows", calibration.bootstrapWindows());
                c.put("seed", calibration.seed());
            }
            ArrayNode perWindow = root.putArray("per_window");
            for (int i = 0; i < windows.size(); i++) {
                ObjectNode w = perWindow.addObject();
                w.put("index", i);
                w.put("first_text", i * window);
                w.put("drifted", windows.get(i).stream().anyMatch(DriftResult::drifted));
                ObjectNode tasks = w.putObject("tasks");
                for (DriftResult result : windows.get(i)) {
                    tasks.set(result.task(), JSON.valueToTree(result));
                }
            }
            try {
                return JSON.writeValueAsString(root);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the drift report", e);
            }
        }

        /** The thresholds applied to each task that a window reported. */
        Map<String, DriftThresholds> thresholdsByTask() {
            Map<String, DriftThresholds> byTask = new TreeMap<>();
            windows.stream().flatMap(List::stream).forEach(r -> byTask.put(r.task(), r.thresholds()));
            return byTask;
        }

        void printTable(PrintWriter out) {
            out.printf(
                    "model %s, %d reference texts, %d current texts in windows of %d%n",
                    model, referenceTexts, currentTexts, window);
            out.printf(
                    "%-6s %-12s %7s %7s %8s %7s %8s  %s%n",
                    "window", "task", "psi", "js", "conf", "cos", "mmd", "drifted on");
            for (int i = 0; i < windows.size(); i++) {
                for (DriftResult r : windows.get(i)) {
                    out.printf(
                            "%-6d %-12s %7.3f %7.3f %+8.3f %7s %8s  %s%n",
                            i,
                            r.task(),
                            r.psi(),
                            r.jsDistance(),
                            r.confidenceShift(),
                            format(r.embeddingCosineDistance()),
                            format(r.embeddingMmd()),
                            r.driftedMetrics().stream()
                                    .map(DriftMetric::wireName)
                                    .collect(Collectors.joining(",")));
                }
            }
            out.printf("%d of %d windows drifted%n", driftedWindows(), windows.size());
            ThresholdCalibration calibration = thresholds.calibration();
            out.println(
                    calibration == null
                            ? "fixed thresholds:"
                            : String.format(
                                    "thresholds calibrated for windows of %d at a false-alarm rate of %s (%d bootstrap"
                                            + " windows):",
                                    calibration.windowSize(),
                                    calibration.falseAlarmRate(),
                                    calibration.bootstrapWindows()));
            thresholdsByTask().forEach((task, t) -> out.printf("  %-12s %s%n", task, t.asWireMap()));
        }

        private static String format(Double value) {
            return value == null ? "-" : String.format("%.4f", value);
        }
    }
}
