package io.streamnlp.schemas.serde;

import io.streamnlp.schemas.registry.SchemaRegistryConfig;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Serde settings read from a Kafka-style config map (Confluent key names). The registry connection is configured by
 * the same map ({@link SchemaRegistryConfig#fromMap(Map)}: {@code schema.registry.url}, auth, TLS, timeouts, retries).
 *
 * <ul>
 *   <li>{@value #AUTO_REGISTER_SCHEMAS} (default true): the serializer registers the record's schema under its
 *       subject; false: it only looks the schema up and fails with SchemaNotFoundException if it is not there</li>
 *   <li>{@value #KEY_SUBJECT_NAME_STRATEGY} / {@value #VALUE_SUBJECT_NAME_STRATEGY} (default TopicNameStrategy)</li>
 *   <li>{@value #SPECIFIC_AVRO_KEY_TYPE} / {@value #SPECIFIC_AVRO_VALUE_TYPE}: the generated class the deserializer
 *       returns (class or class name); without it the class is found from the writer schema's full name</li>
 * </ul>
 */
public final class AvroSerdeConfig {
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";

    private AvroSerdeConfig() {}

    static boolean autoRegister(Map<String, ?> configs) {
        if (bool(configs, USE_LATEST_VERSION, false)) {
            throw new IllegalArgumentException(USE_LATEST_VERSION + "=true is not supported: records are always written"
                    + " with their own generated schema (set " + AUTO_REGISTER_SCHEMAS + "=false to only look it up)");
        }
        return bool(configs, AUTO_REGISTER_SCHEMAS, true);
    }

    static SubjectNameStrategy strategy(Map<String, ?> configs, boolean isKey) {
        return SubjectNameStrategy.parse(configs.get(isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY));
    }

    @SuppressWarnings("unchecked")
    static <T extends SpecificRecord> Class<T> specificType(Map<String, ?> configs, boolean isKey) {
        String key = isKey ? SPECIFIC_AVRO_KEY_TYPE : SPECIFIC_AVRO_VALUE_TYPE;
        Object v = configs.get(key);
        if (v == null || v.toString().isBlank()) return null;
        Class<?> c;
        if (v instanceof Class<?> cls) {
            c = cls;
        } else {
            try {
                ClassLoader cl = Thread.currentThread().getContextClassLoader();
                c = Class.forName(v.toString().trim(), true, cl != null ? cl : AvroSerdeConfig.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException(key + ": class " + v + " not found", e);
            }
        }
        if (!SpecificRecord.class.isAssignableFrom(c)) {
            throw new IllegalArgumentException(
                    key + ": " + c.getName() + " is not a generated Avro SpecificRecord class");
        }
        return (Class<T>) c;
    }

    private static boolean bool(Map<String, ?> configs, String key, boolean dflt) {
        Object v = configs.get(key);
        if (v == null) return dflt;
        if (v instanceof Boolean b) return b;
        String s = v.toString().trim();
        if (s.equalsIgnoreCase("true")) return true;
        if (s.equalsIgnoreCase("false")) return false;
        throw new IllegalArgumentException(key + " must be true or false, was '" + v + "'");
    }
}
