package io.streamnlp.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kafka.properties.*} pass-through: settings for the Kafka clients that the product has no option of
 * its own for (SASL, TLS, ...). Settings a guarantee rests on are refused; others the product sets may be
 * overridden, with a warning, as Flink's {@code KafkaSourceBuilder} does.
 */
public final class KafkaClientProperties {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaClientProperties.class);

    public static final PrefixOption OPTION = ConfigOptions.prefix(
            "kafka.properties.",
            "passed to every Kafka client unchanged, e.g. `kafka.properties.security.protocol=SASL_SSL`,"
                    + " `kafka.properties.sasl.jaas.config=...`; settings a guarantee rests on are refused");

    private KafkaClientProperties() {}

    /**
     * @param owned why each setting the program owns cannot be passed through, by client setting name
     * @return {@code properties} unchanged
     * @throws ConfigException naming the first owned setting in {@code properties}
     */
    public static Map<String, String> refuseOwned(Map<String, String> properties, Map<String, String> owned) {
        for (String key : properties.keySet()) {
            String why = owned.get(key);
            if (why != null) {
                throw new ConfigException(OPTION.prefix() + key + " cannot be set: " + why);
            }
        }
        return properties;
    }

    /**
     * The product's settings for one client with the pass-through over them, logging a warning for each one
     * the pass-through changes.
     *
     * @param client what the settings are for, for the warning: {@code the source}
     */
    public static Map<String, String> overlay(
            String client, Map<String, String> productSettings, Map<String, String> passThrough) {
        Map<String, String> merged = new LinkedHashMap<>(productSettings);
        passThrough.forEach((key, value) -> {
            String own = merged.put(key, value);
            if (own != null && !own.equals(value)) {
                LOG.warn(
                        "{}{}={} overrides {}={} that StreamNLP sets for {}",
                        OPTION.prefix(),
                        key,
                        value,
                        key,
                        own,
                        client);
            }
        });
        return merged;
    }
}
