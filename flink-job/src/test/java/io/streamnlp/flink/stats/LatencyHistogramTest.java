package io.streamnlp.flink.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void valuesBelowASecondAreExactAndLargerOnesKeepThreeSignificantDigits() {
        assertThat(LatencyHistogram.bucket(0)).isZero();
        assertThat(LatencyHistogram.bucket(999)).isEqualTo(999);
        assertThat(LatencyHistogram.bucket(1_234)).isEqualTo(1_230);
        assertThat(LatencyHistogram.bucket(98_765)).isEqualTo(98_700);
        assertThat(LatencyHistogram.bucket(86_400_000_123L)).isEqualTo(86_400_000_000L);
    }

    @Test
    void percentilesAreNearestRank() {
        Map<Long, Long> counts = new HashMap<>();
        for (long ms = 1; ms <= 100; ms++) {
            LatencyHistogram.add(counts, ms);
        }
        assertThat(LatencyHistogram.percentile(counts, 0.5)).isEqualTo(50);
        assertThat(LatencyHistogram.percentile(counts, 0.99)).isEqualTo(99);
        assertThat(LatencyHistogram.percentile(counts, 1.0)).isEqualTo(100);
        assertThat(LatencyHistogram.percentile(new HashMap<>(), 0.5)).isZero();
    }
}
