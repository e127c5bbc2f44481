package io.streamnlp.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnlp.bundle.VersionFiles;
import io.streamnlp.registry.ManifestCodec;
import io.streamnlp.registry.ModelRegistry;
import io.streamnlp.registry.ModelSummary;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistryConflictException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Models page's side of the model registry: versions with their lineage and aliases, and moving the
 * {@value #CHAMPION} alias, which the job follows. Both moves go through the registry's verification.
 */
final class ModelControl {
    static final String CHAMPION = "champion";
    private static final ObjectMapper JSON = ManifestCodec.MAPPER;

    private final ModelRegistry registry;

    ModelControl(ModelRegistry registry) {
        this.registry = registry;
    }

    /**
     * Every model with its aliases and versions (newest first, manifests included), and the version the job
     * served last, by model name, from {@code serving}. A version the retrainer made names the retrain request
     * it answered ({@code retrain_request}): the request itself when it is among {@code retrainRequests}, else
     * just the record file.
     */
    ArrayNode models(Map<String, String> serving, List<ObjectNode> retrainRequests) {
        Map<String, ObjectNode> requestsByRecord = new HashMap<>();
        for (ObjectNode request : retrainRequests) {
            requestsByRecord.put(
                    VersionFiles.retrainingRecord(request.path("request_id").asText()), request);
        }
        ArrayNode models = JSON.createArrayNode();
        for (ModelSummary summary : registry.list()) {
            ObjectNode model = JSON.valueToTree(summary);
            String served = serving.get(summary.name());
            if (served == null) {
                model.putNull("serving");
            } else {
                model.put("serving", served);
            }
            ArrayNode versions = model.putArray("details");
            List<ModelVersion> all = registry.versions(summary.name());
            for (int i = all.size() - 1; i >= 0; i--) {
                ObjectNode version = JSON.valueToTree(all.get(i));
                retrainRecord(all.get(i)).ifPresent(record -> {
                    ObjectNode lineage = version.putObject("retrain_request");
                    lineage.put("record", record);
                    ObjectNode request = requestsByRecord.get(record);
                    if (request != null) {
                        lineage.setAll(request);
                    }
                });
                versions.add(version);
            }
            models.add(model);
        }
        return models;
    }

    private static Optional<String> retrainRecord(ModelVersion version) {
        return version.manifest().files().keySet().stream()
                .filter(VersionFiles::isRetrainingRecord)
                .findFirst();
    }

    ModelVersion promote(String name, int version) {
        return registry.setAlias(name, CHAMPION, version);
    }

    /** Points the champion back at the newest active version older than the one it names. */
    ModelVersion rollback(String name) {
        ModelSummary summary = registry.model(name);
        Integer current = summary.aliases().get(CHAMPION);
        if (current == null) {
            throw new RegistryConflictException(name + " has no " + CHAMPION + " to roll back");
        }
        int previous = summary.versions().stream()
                .filter(v -> v < current)
                .mapToInt(Integer::intValue)
                .max()
                .orElseThrow(() -> new RegistryConflictException(
                        name + ":" + current + " is the oldest active version; there is nothing to roll back to"));
        return registry.setAlias(name, CHAMPION, previous);
    }
}
