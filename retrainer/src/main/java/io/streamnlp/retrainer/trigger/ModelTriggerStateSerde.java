package io.streamnlp.retrainer.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde for the trigger's state store and its changelog. The state is internal to this application, so a
 * readable, schema-less encoding is enough and makes the changelog easy to inspect.
 */
public final class ModelTriggerStateSerde implements Serde<ModelTriggerState> {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    @Override
    public Serializer<ModelTriggerState> serializer() {
        return (topic, state) -> {
            if (state == null) {
                return null;
            }
            try {
                return JSON.writeValueAsBytes(state);
            } catch (JsonProcessingException e) {
                throw new SerializationException("cannot write trigger state", e);
            }
        };
    }

    @Override
    public Deserializer<ModelTriggerState> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return JSON.readValue(bytes, ModelTriggerState.class);
            } catch (IOException e) {
                throw new SerializationException("cannot read trigger state from " + topic, e);
            }
        };
    }
}
