package io.streamnlp.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JobManager's REST API, the path {@code flink run} takes: upload the job jar, run it, watch the job.
 * Endpoints as documented for Flink 2.2 ({@code /jars/upload}, {@code /jars/:id/run}, {@code /jobs/:id}).
 */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public FlinkRest(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** {@code GET /overview}: task managers, slots and jobs. */
    public JsonNode overview() {
        return send(get("/overview"));
    }

    /** Registered TaskManagers, or -1 when the JobManager does not answer. */
    public int taskManagers() {
        try {
            return overview().path("taskmanagers").asInt();
        } catch (ClusterException e) {
            return -1;
        }
    }

    /** {@code POST /jars/upload} (multipart, field {@code jarfile}); returns the jar id for {@link #run}. */
    public String upload(Path jar) {
        String boundary = "streamnlp-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                            + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(jar));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ClusterException("cannot read the job jar " + jar + ": " + e, e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/jars/upload"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        String stored = send(request).path("filename").asText();
        if (stored.isEmpty()) {
            throw new ClusterException("the JobManager stored no jar for " + jar);
        }
        return Path.of(stored).getFileName().toString();
    }

    /** {@code POST /jars/:id/run}; returns the job id. */
    public String run(String jarId, String entryClass, List<String> programArgs, int parallelism) {
        ObjectNode body = JSON.createObjectNode();
        body.put("entryClass", entryClass);
        body.putPOJO("programArgsList", programArgs);
        body.put("parallelism", parallelism);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/jars/" + jarId + "/run"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return send(request).path("jobid").asText();
    }

    /** {@code GET /jobs/:id}: state, vertices and their status. */
    public JsonNode job(String jobId) {
        return send(get("/jobs/" + jobId));
    }

    /** The job is RUNNING and so is every one of its tasks (after a restart, tasks deploy one by one). */
    public boolean allTasksRunning(String jobId) {
        JsonNode job = job(jobId);
        if (!"RUNNING".equals(job.path("state").asText())) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /** The TaskManager (by resource id) that runs the most of the job's subtasks. */
    public String busiestTaskManager(String jobId) {
        Map<String, Integer> subtasks = new HashMap<>();
        for (JsonNode vertex : job(jobId).path("vertices")) {
            JsonNode placement =
                    send(get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers"));
            for (JsonNode tm : placement.path("taskmanagers")) {
                subtasks.merge(tm.path("taskmanager-id").asText(), 1, Integer::sum);
            }
        }
        return subtasks.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new ClusterException("job " + jobId + " runs on no TaskManager"));
    }

    /**
     * Failures the job recovered from: the entries of its exception history. Flink's {@code numRestarts}
     * metric stays 0 when only a region restarts (a lost TaskManager with region failover), so it is not used.
     */
    public long restarts(String jobId) {
        return send(get("/jobs/" + jobId + "/exceptions"))
                .path("exceptionHistory")
                .path("entries")
                .size();
    }

    /** {@code PATCH /jobs/:id?mode=cancel}. */
    public void cancel(String jobId) {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/jobs/" + jobId + "?mode=cancel"))
                .timeout(Duration.ofSeconds(30))
                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new ClusterException(request.method() + " " + request.uri() + ": HTTP " + response.statusCode()
                        + " " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ClusterException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted: " + request.uri(), e);
        }
    }
}
