package io.streamnlp.localstack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * The optional {@code SASL_PLAINTEXT} listener of {@link EmbeddedKafka}, named {@value #NAME}, that authenticates
 * clients with SCRAM-SHA-256 or SCRAM-SHA-512 against credentials created with the Admin API. The broker's own
 * listeners (clients, inter-broker, controller) stay plaintext, so admin set-up works without credentials.
 */
public final class ScramListener {
    public static final String NAME = "SCRAM";
    public static final List<ScramMechanism> MECHANISMS =
            List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512);

    private ScramListener() {}

    /** Broker settings that add the listener beside the test kit's {@code brokerListener} and {@code controllerListener}. */
    static Map<String, String> brokerConfig(String brokerListener, String controllerListener) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(
                "listeners",
                String.format(
                        "%s://localhost:0,%s://localhost:0,%s://localhost:0",
                        brokerListener, controllerListener, NAME));
        c.put(
                "listener.security.protocol.map",
                String.format("%s:PLAINTEXT,%s:PLAINTEXT,%s:SASL_PLAINTEXT", brokerListener, controllerListener, NAME));
        String prefix = "listener.name." + NAME.toLowerCase(Locale.ROOT) + ".";
        c.put(
                prefix + "sasl.enabled.mechanisms",
                String.join(
                        ",",
                        MECHANISMS.stream().map(ScramMechanism::mechanismName).toList()));
        for (ScramMechanism m : MECHANISMS) {
            // the server side of SCRAM checks the credentials stored in the cluster metadata; it needs no user of its
            // own
            c.put(
                    prefix + m.mechanismName().toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        return c;
    }

    /** The client settings ({@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}) of a user. */
    public static Map<String, String> clientProperties(ScramMechanism mechanism, String user, String password) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name);
        c.put(SaslConfigs.SASL_MECHANISM, mechanism.mechanismName());
        c.put(
                SaslConfigs.SASL_JAAS_CONFIG,
                String.format(
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"%s\";",
                        user, password));
        return c;
    }
}
