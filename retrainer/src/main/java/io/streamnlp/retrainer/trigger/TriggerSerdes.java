package io.streamnlp.retrainer.trigger;

import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.Feedback;
import io.streamnlp.schemas.avro.RetrainRequest;
import io.streamnlp.schemas.registry.SchemaRegistryClient;
import io.streamnlp.schemas.registry.SchemaRegistryConfig;
import io.streamnlp.schemas.serde.AvroDeserializer;
import io.streamnlp.schemas.serde.AvroSerializer;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The Avro serdes the trigger reads and writes with; injected so tests and the app share one topology. */
public record TriggerSerdes(
        Serde<DriftReport> driftReports, Serde<Feedback> feedback, Serde<RetrainRequest> retrainRequests) {

    public TriggerSerdes {
        Objects.requireNonNull(driftReports, "driftReports");
        Objects.requireNonNull(feedback, "feedback");
        Objects.requireNonNull(retrainRequests, "retrainRequests");
    }

    /** Confluent wire-format serdes sharing one registry client (schemas registered on first use). */
    public static TriggerSerdes fromRegistry(String schemaRegistryUrl) {
        SchemaRegistryClient client = SchemaRegistryClient.create(Map.of(SchemaRegistryConfig.URL, schemaRegistryUrl));
        return new TriggerSerdes(
                avro(client, DriftReport.class), avro(client, Feedback.class), avro(client, RetrainRequest.class));
    }

    private static <T extends SpecificRecord> Serde<T> avro(SchemaRegistryClient client, Class<T> type) {
        return Serdes.serdeFrom(new AvroSerializer<>(client, false), new AvroDeserializer<>(client, type));
    }
}
