package io.streamnlp.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WindowPolicyTest {

    @Test
    void parsesCountAndTimeWindows() {
        assertEquals(new WindowPolicy.Count(200), WindowPolicy.parse("count:200"));
        assertEquals(new WindowPolicy.Time(Duration.ofMinutes(5)), WindowPolicy.parse("time:5m"));
        assertEquals(
                new WindowPolicy.Time(Duration.ofSeconds(90), Duration.ofSeconds(10)),
                WindowPolicy.parse("time:PT90S,grace:10s"));
        assertEquals(new WindowPolicy.Time(Duration.ofMillis(250)), WindowPolicy.parse("time:250ms"));
    }

    @Test
    void printsWhatItParses() {
        WindowPolicy policy = WindowPolicy.parse("time:1h,grace:30s");
        assertEquals(policy, WindowPolicy.parse(policy.toString()));
    }

    @Test
    void rejectsNonsenseWithAClearMessage() {
        for (String bad :
                new String[] {"200", "count:x", "count:1", "time:5y", "time:-5s", "size:5", "time:5m,late:1s"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WindowPolicy.parse(bad));
            assertEquals(true, e.getMessage().contains(bad), e.getMessage());
        }
    }
}
