package io.streamnlp.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamnlp.moderation.PolicyFollower.Outcome;
import org.junit.jupiter.api.Test;

class PolicyFollowerTest {
    static String doc(String name, int version) {
        return "{\"name\": \"" + name + "\", \"version\": " + version + ", \"tenants\": {\"default\": {}}}";
    }

    @Test
    void onlyANewerValidVersionOfTheFollowedPolicyIsApplied() {
        PolicyFollower f = new PolicyFollower("main");
        assertThat(f.current()).isNull();
        assertThat(f.offer(doc("main", 2)).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(f.offer(doc("main", 1)).outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(f.offer(doc("main", 2)).outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(f.offer(doc("other", 9)).outcome()).isEqualTo(Outcome.IGNORED);
        PolicyFollower.Offer invalid = f.offer("{\"name\": \"main\", \"version\": 3}");
        assertThat(invalid.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(invalid.reason()).contains("$.tenants: is required");
        assertThat(f.current().version()).isEqualTo(2);
        assertThat(f.currentDocument()).isEqualTo(doc("main", 2));
        assertThat(f.offer(doc("main", 3)).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(f.current().version()).isEqualTo(3);
    }
}
