package io.streamnlp.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DivergencesTest {

    @Test
    void psiOfAShiftedBinaryMixMatchesTheSmoothedFormula() {
        // sum (q-p) ln(q/p) with p=(.5,.5), q=(.8,.2), each share smoothed as (s + 1e-4) / (1 + 2e-4)
        assertEquals(0.4156927049, Divergences.psi(Map.of("a", 50L, "b", 50L), Map.of("a", 80L, "b", 20L)), 1e-9);
    }

    @Test
    void psiOfALabelUnseenInTheReferenceIsLargeButFinite() {
        assertEquals(4.6042993236, Divergences.psi(Map.of("a", 100L), Map.of("a", 50L, "b", 50L)), 1e-9);
    }

    @Test
    void psiOfIdenticalSharesIsZero() {
        assertEquals(0.0, Divergences.psi(Map.of("a", 1L, "b", 3L), Map.of("a", 10L, "b", 30L)), 1e-12);
    }

    @Test
    void jensenShannonDistanceOfHalfAndHalfAgainstOneLabel() {
        // M = (.75, .25); KL(P||M) = .5 log2(2/3) + .5 log2(2), KL(Q||M) = log2(4/3); sqrt of their mean
        assertEquals(0.5579230453, Divergences.jensenShannonDistance(Map.of("a", 5L, "b", 5L), Map.of("a", 7L)), 1e-9);
    }

    @Test
    void jensenShannonDistanceIsZeroForEqualAndOneForDisjointDistributions() {
        assertEquals(0.0, Divergences.jensenShannonDistance(Map.of("a", 2L, "b", 6L), Map.of("a", 1L, "b", 3L)), 1e-12);
        assertEquals(1.0, Divergences.jensenShannonDistance(Map.of("a", 4L), Map.of("b", 9L)), 1e-12);
    }

    @Test
    void anEmptyDistributionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Divergences.psi(Map.of("a", 0L), Map.of("a", 1L)));
        assertThrows(
                IllegalArgumentException.class, () -> Divergences.jensenShannonDistance(Map.of("a", 1L), Map.of()));
    }
}
