package io.streamnlp.cli.demo;

import io.streamnlp.schemas.avro.Classification;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.ModelEvent;
import io.streamnlp.schemas.avro.ModelEventType;
import io.streamnlp.schemas.avro.Moderation;
import io.streamnlp.schemas.avro.ModerationAction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** What the demo's console shows, updated by the reader thread and read by the view once a second. */
final class LiveStats {
    private static final int LATENCY_WINDOW = 2000;
    private static final int LABEL_WINDOW = 500;
    private static final int RATE_WINDOW_SECONDS = 5;

    private long enriched;
    private long deadLetters;
    private long entities;
    private long retrainRequests;
    private long promotions;
    private String servingVersion = "-";
    private String champion;
    /** Per model version: tickets whose category matched the agent's, and tickets scored. */
    private final Map<String, long[]> agreement = new TreeMap<>();

    private long driftWindows;
    private final Map<String, Double> maxJsByVersion = new TreeMap<>();
    private final TreeSet<String> versionsSeen = new TreeSet<>();
    private final Deque<Long> latencies = new ArrayDeque<>();
    private final Deque<String> recentCategories = new ArrayDeque<>();
    private final List<Long> allLatencies = new ArrayList<>();
    private DriftReport lastDrift;
    /** Moderation decisions by action, and the policy that made the latest one. */
    private final Map<ModerationAction, Long> actions = new EnumMap<>(ModerationAction.class);

    private long audited;
    private String policy;
    /** (nanoTime, enriched) samples of the last few seconds: the job commits in bursts, one per checkpoint. */
    private final Deque<long[]> rateSamples = new ArrayDeque<>();

    /** @param agentCategory the category an agent gave the ticket, or null when unknown */
    synchronized void onEnriched(EnrichedEvent e, long latencyMs, String agentCategory) {
        enriched++;
        entities += e.getEntities().size();
        latencies.addLast(latencyMs);
        allLatencies.add(latencyMs);
        if (latencies.size() > LATENCY_WINDOW) {
            latencies.removeFirst();
        }
        Moderation m = e.getModeration();
        if (m != null) {
            actions.merge(m.getAction(), 1L, Long::sum);
            audited += m.getAuditSampled() ? 1 : 0;
            policy = m.getPolicyName() + " v" + m.getPolicyVersion();
        }
        for (Classification c : e.getClassifications()) {
            if (c.getTask().equals("category")) {
                recentCategories.addLast(c.getLabel());
                if (recentCategories.size() > LABEL_WINDOW) {
                    recentCategories.removeFirst();
                }
                servingVersion = c.getModel().getName() + ":" + c.getModel().getVersion();
                versionsSeen.add(servingVersion);
                if (agentCategory != null) {
                    long[] score = agreement.computeIfAbsent(servingVersion, v -> new long[2]);
                    score[0] += agentCategory.equals(c.getLabel()) ? 1 : 0;
                    score[1]++;
                }
            }
        }
    }

    /** Events that came out either way: enriched or dead-lettered. */
    synchronized long processed() {
        return enriched + deadLetters;
    }

    synchronized void onDeadLetter() {
        deadLetters++;
    }

    synchronized void onDrift(DriftReport r) {
        if (r.getTask().equals("category")) {
            driftWindows++;
            String version = r.getModel().getName() + ":" + r.getModel().getVersion();
            maxJsByVersion.merge(version, r.getJsDistance() == null ? 0 : r.getJsDistance(), Math::max);
        }
        if (r.getTask().equals("category") || lastDrift == null) {
            lastDrift = r;
        }
    }

    synchronized void onRetrainRequest() {
        retrainRequests++;
    }

    synchronized void onModelEvent(ModelEvent e) {
        if (e.getType() == ModelEventType.ALIAS_SET && "champion".equals(e.getAlias())) {
            champion = e.getModelName() + ":" + e.getVersion();
            if (e.getPreviousVersion() != null) {
                promotions++;
            }
        }
    }

    /**
     * Whether the closed loop is still under way: a retrain was requested but not yet decided, or
     * a promoted champion is not serving yet.
     */
    synchronized boolean loopInFlight(long retrainsDecided) {
        return retrainRequests > retrainsDecided || (champion != null && !champion.equals(servingVersion));
    }

    /** One screen of the live view; the rate is averaged over the last {@value #RATE_WINDOW_SECONDS} seconds. */
    synchronized String render(long produced, long elapsedSeconds, boolean drifting) {
        long now = System.nanoTime();
        rateSamples.addLast(new long[] {now, enriched});
        while (now - rateSamples.peekFirst()[0] > RATE_WINDOW_SECONDS * 1_000_000_000L) {
            rateSamples.removeFirst();
        }
        long[] oldest = rateSamples.peekFirst();
        long rate = now == oldest[0] ? 0 : Math.round((enriched - oldest[1]) * 1e9 / (now - oldest[0]));
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                "StreamNLP demo  t=%ds%s%n",
                elapsedSeconds, drifting ? "  [drift episode: account-security tickets flooding in]" : ""));
        sb.append(String.format(
                "  produced %-8d enriched %-8d %4d events/s   latency p50 %4d ms  p99 %5d ms%n",
                produced, enriched, rate, percentile(sorted, 0.50), percentile(sorted, 0.99)));
        sb.append(String.format(
                "  serving %-12s dead letters %-6d entities %-7d retrains %d  promotions %d%n",
                servingVersion, deadLetters, entities, retrainRequests, promotions));
        if (lastDrift != null) {
            sb.append(String.format(
                    "  drift (%s, %s:%s): js %.3f  psi %.3f  embedding %.3f  %s%n",
                    lastDrift.getTask(),
                    lastDrift.getModel().getName(),
                    lastDrift.getModel().getVersion(),
                    orZero(lastDrift.getJsDistance()),
                    orZero(lastDrift.getPsi()),
                    orZero(lastDrift.getEmbeddingCosineDistance()),
                    lastDrift.getDrifted() ? "DRIFTED " + lastDrift.getDriftedMetrics() : "stable"));
        } else {
            sb.append("  drift: waiting for the first window\n");
        }
        if (policy != null) {
            sb.append(String.format(
                    "  moderation (%s): allow %d  review %d  block %d  audited %d%n",
                    policy,
                    actions.getOrDefault(ModerationAction.ALLOW, 0L),
                    actions.getOrDefault(ModerationAction.REVIEW, 0L),
                    actions.getOrDefault(ModerationAction.BLOCK, 0L),
                    audited));
        }
        sb.append("  categories (last ")
                .append(recentCategories.size())
                .append("): ")
                .append(distribution())
                .append('\n');
        if (!agreement.isEmpty()) {
            sb.append("  category accuracy vs agent labels:");
            agreement.forEach(
                    (version, s) -> sb.append(String.format(" %s %.0f%% (%d)", version, 100.0 * s[0] / s[1], s[1])));
            sb.append('\n');
        }
        return sb.toString();
    }

    private String distribution() {
        Map<String, Integer> counts = new TreeMap<>();
        recentCategories.forEach(c -> counts.merge(c, 1, Integer::sum));
        Map<String, String> shares = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(en ->
                        shares.put(en.getKey(), Math.round(100.0 * en.getValue() / recentCategories.size()) + "%"));
        return shares.toString();
    }

    synchronized long retrainRequests() {
        return retrainRequests;
    }

    synchronized long promotions() {
        return promotions;
    }

    synchronized String servingVersion() {
        return servingVersion;
    }

    /** Category drift windows reported so far, over all versions. */
    synchronized long driftWindows() {
        return driftWindows;
    }

    /** The largest category js_distance any window of {@code version} reported, or null. */
    synchronized Double maxJsDistance(String version) {
        return maxJsByVersion.get(version);
    }

    /** Share of tickets whose category agreed with the agent's, for {@code version}; NaN when none was scored. */
    synchronized double accuracy(String version) {
        long[] s = agreement.get(version);
        return s == null || s[1] == 0 ? Double.NaN : (double) s[0] / s[1];
    }

    synchronized Summary summary() {
        long[] sorted = allLatencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Summary(
                enriched,
                deadLetters,
                retrainRequests,
                promotions,
                List.copyOf(versionsSeen),
                percentile(sorted, 0.99));
    }

    /** The figures of the closing JSON line. */
    record Summary(
            long enriched, long deadLetters, long retrains, long promotions, List<String> modelVersions, long p99Ms) {}

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }
}
