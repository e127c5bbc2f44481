package io.streamnlp.finetune.train;

/**
 * What training and evaluation cost on this machine, per padded token (rows times the batch's longest
 * text), as measured before a time-budgeted run.
 *
 * @param trainSecondsPerToken a training step: forward and backward pass, gradient clipping, optimizer update
 * @param devSecondsPerToken forward pass
 */
public record StepCost(double trainSecondsPerToken, double devSecondsPerToken) {

    public StepCost {
        if (!(trainSecondsPerToken > 0 && Double.isFinite(trainSecondsPerToken))
                || !(devSecondsPerToken > 0 && Double.isFinite(devSecondsPerToken))) {
            throw new IllegalArgumentException(
                    "step costs must be positive, got " + trainSecondsPerToken + " and " + devSecondsPerToken);
        }
    }
}
