package io.streamnlp.finetune.train;

import ai.djl.training.tracker.ParameterTracker;
import java.util.Set;

/**
 * Learning rate per parameter: the head's or the encoder's base rate times a linear warm-up from 0
 * to 1 over {@code warmupSteps}, then a linear decay to 0 at {@code totalSteps}.
 */
final class WarmupLinearSchedule implements ParameterTracker {

    private final float encoderRate;
    private final float headRate;
    private final Set<String> headParameterIds;
    private final int warmupSteps;
    private final int totalSteps;

    WarmupLinearSchedule(
            float encoderRate, float headRate, Set<String> headParameterIds, int warmupSteps, int totalSteps) {
        if (totalSteps < 1 || warmupSteps < 0 || warmupSteps >= totalSteps) {
            throw new IllegalArgumentException(
                    "need 0 <= warmupSteps < totalSteps, got " + warmupSteps + ", " + totalSteps);
        }
        this.encoderRate = encoderRate;
        this.headRate = headRate;
        this.headParameterIds = Set.copyOf(headParameterIds);
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
    }

    /** @param numUpdate 1 for the first step */
    @Override
    public float getNewValue(String parameterId, int numUpdate) {
        float base = headParameterIds.contains(parameterId) ? headRate : encoderRate;
        return base * factor(numUpdate);
    }

    float factor(int numUpdate) {
        if (numUpdate <= warmupSteps) {
            return (float) numUpdate / (warmupSteps + 1);
        }
        return Math.max(0f, (float) (totalSteps - numUpdate + 1) / (totalSteps - warmupSteps));
    }
}
