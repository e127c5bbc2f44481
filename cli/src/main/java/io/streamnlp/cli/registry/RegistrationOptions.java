package io.streamnlp.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamnlp.registry.ManifestCodec;
import io.streamnlp.registry.RegistrationRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The metadata options that {@code register} and {@code import-hf} share. */
final class RegistrationOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--name", required = true, paramLabel = "X", description = "Model name, [a-z0-9._-]{1,64}.")
    String name;

    @Option(names = "--metric", paramLabel = "KEY=VALUE", description = "Evaluation metric to record (repeatable).")
    Map<String, Double> metrics = new LinkedHashMap<>();

    @Option(names = "--parent", paramLabel = "VERSION", description = "Version this one was trained from.")
    Integer parentVersion;

    @Option(names = "--fingerprint", paramLabel = "F", description = "Fingerprint of the training data.")
    String trainingDataFingerprint;

    @Option(
            names = "--reference-profile",
            paramLabel = "FILE",
            description = "Reference drift profile (JSON) to store with the version.")
    Path referenceProfile;

    RegistrationRequest.Builder request(List<String> tasks) {
        RegistrationRequest.Builder builder = RegistrationRequest.builder()
                .tasks(tasks)
                .metrics(metrics)
                .parentVersion(parentVersion)
                .trainingDataFingerprint(trainingDataFingerprint);
        if (referenceProfile != null) {
            builder.referenceProfile(readProfile());
        }
        return builder;
    }

    private JsonNode readProfile() {
        try {
            return ManifestCodec.MAPPER.readTree(referenceProfile.toFile());
        } catch (IOException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--reference-profile " + referenceProfile + " is not readable JSON: " + e.getMessage());
        }
    }
}
