package io.streamnlp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {
    private static final Duration CHECK = Duration.ofSeconds(5);

    @TempDir
    Path temp;

    private final AtomicLong clock = new AtomicLong();

    private static String policy(String name, long version) {
        return "{\"name\": \"" + name + "\", \"version\": " + version + ", \"tenants\": {\"default\": {}}}";
    }

    private PolicyFile open(Path file) {
        return PolicyFile.open("server.moderation-policy", file, CHECK, clock::get);
    }

    private void advance() {
        clock.addAndGet(CHECK.toNanos());
    }

    @Test
    void aHigherVersionIsAppliedAtTheNextCheck() throws Exception {
        Path file = Files.writeString(temp.resolve("p.json"), policy("support", 1));
        PolicyFile policy = open(file);
        Files.writeString(file, policy("support", 2));

        assertEquals(1, policy.current().version(), "not looked at before the check interval");
        advance();
        assertEquals(2, policy.current().version());
    }

    @Test
    void anInvalidOlderOrOtherPolicyLeavesTheCurrentOneDeciding() throws Exception {
        Path file = Files.writeString(temp.resolve("p.json"), policy("support", 3));
        PolicyFile policy = open(file);

        for (String edit :
                new String[] {"{\"name\": \"support\", \"version\": 4", policy("support", 2), policy("other", 9)}) {
            Files.writeString(file, edit);
            advance();
            assertEquals(3, policy.current().version(), edit);
            assertEquals("support", policy.current().name());
        }
        Files.delete(file);
        advance();
        assertEquals(3, policy.current().version(), "a vanished file keeps the policy");
    }

    @Test
    void anUnreadableOrInvalidFileAtStartUpIsAConfigurationError() throws Exception {
        Path invalid = Files.writeString(temp.resolve("p.json"), "{\"name\": \"support\"}");

        ConfigException bad = assertThrows(ConfigException.class, () -> open(invalid));
        ConfigException missing = assertThrows(ConfigException.class, () -> open(temp.resolve("none.json")));

        assertTrue(bad.getMessage().startsWith("server.moderation-policy: " + invalid), bad.getMessage());
        assertTrue(missing.getMessage().startsWith("server.moderation-policy: cannot read"), missing.getMessage());
    }
}
