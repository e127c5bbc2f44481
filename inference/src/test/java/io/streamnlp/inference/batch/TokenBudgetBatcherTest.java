package io.streamnlp.inference.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.inference.runtime.InvalidOptionsException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenBudgetBatcherTest {

    /** 64 padded tokens or 4 texts per batch, 10 ms wait, buckets up to 8 / 16 / 32 tokens. */
    private static final BatcherConfig SMALL = new BatcherConfig(64, 4, 10, 12, new int[] {8, 16, 32});

    @Test
    void batchIsCutWhenItReachesMaxBatchSize() {
        TokenBudgetBatcher<String> b = new TokenBudgetBatcher<>(SMALL);
        for (int i = 0; i < 3; i++) {
            assertTrue(b.offer("s" + i, 5, 0));
        }
        assertEquals(List.of(), b.takeFull(), "three short texts may still get a fourth companion");
        b.offer("s3", 7, 1);
        List<Batch<String>> full = b.takeFull();
        assertEquals(1, full.size());
        assertEquals(List.of("s0", "s1", "s2", "s3"), full.get(0).items());
        assertEquals(7, full.get(0).paddedLength());
        assertEquals(28, full.get(0).paddedTokens());
        assertEquals(0, b.pending());
    }

    @Test
    void batchIsCutWhenTheTokenBudgetIsReached() {
        TokenBudgetBatcher<String> b = new TokenBudgetBatcher<>(SMALL);
        b.offer("a", 30, 0);
        assertEquals(List.of(), b.takeFull(), "a second 30-token text would still fit in 64");
        b.offer("b", 20, 0);
        List<Batch<String>> full = b.takeFull();
        assertEquals(List.of(List.of("a", "b")), full.stream().map(Batch::items).toList(), "no third text of 30 fits");
        assertEquals(60, full.get(0).paddedTokens());
    }

    @Test
    void lengthsAreBucketedSoShortTextsAreNotPaddedToLongOnes() {
        TokenBudgetBatcher<String> b = new TokenBudgetBatcher<>(SMALL);
        b.offer("long1", 30, 0);
        b.offer("short1", 4, 0);
        b.offer("long2", 31, 0);
        b.offer("short2", 6, 0);
        List<Batch<String>> batches = b.flushAll();
        assertEquals(
                Set.of(List.of("long1", "long2"), List.of("short1", "short2")),
                new HashSet<>(batches.stream().map(Batch::items).toList()));
        assertEquals(
                6 * 2 + 31 * 2, batches.stream().mapToInt(Batch::paddedTokens).sum());
    }

    @Test
    void waitingBucketsAreFlushedAtTheirDeadline() {
        TokenBudgetBatcher<String> b = new TokenBudgetBatcher<>(SMALL);
        assertEquals(Long.MAX_VALUE, b.nextDeadline());
        b.offer("early", 5, 100);
        b.offer("later", 20, 105);
        assertEquals(110, b.nextDeadline());
        assertEquals(List.of(), b.flushDue(109));
        List<Batch<String>> due = b.flushDue(110);
        assertEquals(List.of(List.of("early")), due.stream().map(Batch::items).toList());
        assertEquals(115, b.nextDeadline());
        assertEquals(
                List.of(List.of("later")),
                b.flushDue(120).stream().map(Batch::items).toList());
        assertEquals(0, b.pending());
    }

    @Test
    void fullBatcherRefusesAndAlwaysHasAFullBatchToTake() {
        TokenBudgetBatcher<Integer> b = new TokenBudgetBatcher<>(SMALL);
        Random random = new Random(7);
        int offered = 0;
        while (b.offer(offered, 1 + random.nextInt(40), 0)) {
            offered++;
        }
        assertEquals(SMALL.capacity(), b.pending());
        List<Batch<Integer>> full = b.takeFull();
        assertFalse(full.isEmpty());
        assertTrue(b.offer(offered, 3, 0));
    }

    @Test
    void everyRequestComesOutExactlyOnceWithinTheLimits() {
        BatcherConfig config = new BatcherConfig(256, 8, 5, 64, new int[] {16, 32, 64, 128});
        TokenBudgetBatcher<Integer> b = new TokenBudgetBatcher<>(config);
        Random random = new Random(42);
        int[] tokens = new int[2000];
        List<Integer> seen = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = 1 + random.nextInt(150);
            now += random.nextInt(3);
            while (!b.offer(i, tokens[i], now)) {
                collect(b.takeFull(), tokens, config, seen);
            }
            collect(b.flushDue(now), tokens, config, seen);
        }
        collect(b.flushAll(), tokens, config, seen);
        assertEquals(tokens.length, seen.size());
        assertEquals(tokens.length, new HashSet<>(seen).size());
    }

    private static void collect(List<Batch<Integer>> batches, int[] tokens, BatcherConfig config, List<Integer> seen) {
        for (Batch<Integer> batch : batches) {
            assertTrue(batch.size() >= 1 && batch.size() <= config.maxBatchSize());
            int longest = batch.items().stream().mapToInt(i -> tokens[i]).max().orElseThrow();
            assertEquals(longest, batch.paddedLength());
            assertTrue(batch.size() == 1 || batch.paddedTokens() <= config.maxBatchTokens(), "budget kept: " + batch);
            seen.addAll(batch.items());
        }
    }

    @Test
    void overlongRequestRidesAlone() {
        TokenBudgetBatcher<String> b = new TokenBudgetBatcher<>(SMALL);
        b.offer("huge", 100, 0);
        List<Batch<String>> full = b.takeFull();
        assertEquals(1, full.size());
        assertEquals(100, full.get(0).paddedTokens());
    }

    @Test
    void rejectsInconsistentConfiguration() {
        assertThrows(InvalidOptionsException.class, () -> new BatcherConfig(0, 4, 10, 12, new int[] {8}));
        assertThrows(InvalidOptionsException.class, () -> new BatcherConfig(64, 4, 10, 12, new int[] {16, 8}));
        var e = assertThrows(
                InvalidOptionsException.class, () -> new BatcherConfig(64, 4, 10, 11, new int[] {8, 16, 32}));
        assertTrue(e.getMessage().contains("capacity"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TokenBudgetBatcher<String>(SMALL).offer("x", 0, 0));
    }
}
