package io.streamnlp.finetune.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The dev score at each evaluation of a run, in step order.
 *
 * @param scoreName what the score is, e.g. {@code accuracy}
 */
public record DevCurve(String scoreName, List<Point> points) {

    /** Metric names of the curve's points: {@code <task>.dev_curve.step_<step, 6 digits>}, sorting by step. */
    public static final String METRIC = "dev_curve";

    public record Point(int step, double score) {}

    public DevCurve {
        points = List.copyOf(points);
    }

    /** One line: {@code dev accuracy by step: 10 0.5000, 20 0.7500}. */
    public String line() {
        return "dev " + scoreName + " by step: "
                + points.stream()
                        .map(p -> String.format(Locale.ROOT, "%d %.4f", p.step(), p.score()))
                        .collect(Collectors.joining(", "));
    }

    /** The points as registry metrics of {@code task}, see {@link #METRIC}. */
    public Map<String, Double> metrics(String task) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Point p : points) {
            metrics.put(String.format(Locale.ROOT, "%s.%s.step_%06d", task, METRIC, p.step()), p.score());
        }
        return metrics;
    }
}
