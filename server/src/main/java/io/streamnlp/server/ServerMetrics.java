package io.streamnlp.server;

import io.streamnlp.registry.ModelVersion;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The server's Prometheus metrics, written in the text exposition format by hand (no metrics library is in the
 * dependency tree): requests and errors by status code, queue depth, batch sizes, request latency, model loads.
 */
final class ServerMetrics {
    private final Map<Integer, LongAdder> requestsByCode = new ConcurrentHashMap<>();
    private final LongAdder modelLoadFailures = new LongAdder();
    private final Histogram latency = new Histogram(
            "streamnlp_api_request_duration_seconds",
            "time from a request's arrival to its answer",
            0.005,
            0.01,
            0.025,
            0.05,
            0.1,
            0.25,
            0.5,
            1,
            2.5,
            5,
            10,
            30);
    private final Histogram batchSize =
            new Histogram("streamnlp_api_batch_size", "texts per encoder pass", 1, 2, 4, 8, 16, 32, 64, 128, 256);
    private volatile IntSupplier queueDepth = () -> 0;
    private volatile ModelVersion serving;

    void answered(int status, long nanos) {
        requestsByCode.computeIfAbsent(status, s -> new LongAdder()).increment();
        latency.observe(nanos / 1e9);
    }

    void batchRan(int size) {
        batchSize.observe(size);
    }

    void modelLoadFailed() {
        modelLoadFailures.increment();
    }

    void serving(ModelVersion version) {
        serving = version;
    }

    void queueDepth(IntSupplier depth) {
        queueDepth = depth;
    }

    String exposition() {
        StringBuilder out = new StringBuilder();
        Map<Integer, Long> byCode = new TreeMap<>();
        requestsByCode.forEach((code, n) -> byCode.put(code, n.sum()));
        counterByCode(out, "streamnlp_api_requests_total", "requests answered, by HTTP status", byCode);
        Map<Integer, Long> errors = new TreeMap<>(byCode);
        errors.keySet().removeIf(code -> code < 400);
        counterByCode(out, "streamnlp_api_errors_total", "requests refused or failed, by HTTP status", errors);
        out.append("# HELP streamnlp_api_queue_depth texts waiting or running\n");
        out.append("# TYPE streamnlp_api_queue_depth gauge\n");
        out.append("streamnlp_api_queue_depth ").append(queueDepth.getAsInt()).append('\n');
        batchSize.writeTo(out);
        latency.writeTo(out);
        out.append("# HELP streamnlp_api_model_load_failures_total model versions that failed to load\n");
        out.append("# TYPE streamnlp_api_model_load_failures_total counter\n");
        out.append("streamnlp_api_model_load_failures_total ")
                .append(modelLoadFailures.sum())
                .append('\n');
        ModelVersion model = serving;
        if (model != null) {
            out.append("# HELP streamnlp_api_model_info the model version serving\n");
            out.append("# TYPE streamnlp_api_model_info gauge\n");
            out.append("streamnlp_api_model_info{name=\"")
                    .append(model.name())
                    .append("\",version=\"")
                    .append(model.version())
                    .append("\",digest=\"")
                    .append(model.digest())
                    .append("\"} 1\n");
        }
        return out.toString();
    }

    private static void counterByCode(StringBuilder out, String name, String help, Map<Integer, Long> byCode) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        byCode.forEach((code, n) -> out.append(name)
                .append("{code=\"")
                .append(code)
                .append("\"} ")
                .append(n)
                .append('\n'));
    }
}
