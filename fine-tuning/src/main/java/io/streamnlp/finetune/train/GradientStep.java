package io.streamnlp.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.util.ArrayList;
import java.util.List;

/**
 * One batch's loss and gradients, clipped to a global L2 norm: what a training step computes before
 * the optimizer update, and what the step-cost measurement times.
 */
final class GradientStep {

    private final List<Parameter> parameters;
    private final float maxGradNorm;

    GradientStep(FineTuneTask<?> task, float maxGradNorm) {
        this.parameters = new ArrayList<>();
        task.block().getParameters().forEach(p -> parameters.add(p.getValue()));
        this.maxGradNorm = maxGradNorm;
    }

    /**
     * Leaves the batch's clipped gradients on the parameters and returns its loss; returns NaN, with
     * the gradients zeroed, when the loss or the gradient is not finite.
     */
    float compute(Trainer trainer, FineTuneTask<?> task, int[] rows) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            FineTuneTask.Batch batch = task.batch(rows, m);
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray lossValue = trainer.getLoss().evaluate(batch.labels(), trainer.forward(batch.inputs()));
                loss = lossValue.getFloat();
                if (!Float.isFinite(loss)) {
                    return Float.NaN;
                }
                collector.backward(lossValue);
            }
            List<NDArray> gradients = gradients(m);
            if (!clip(gradients)) {
                zero(gradients);
                return Float.NaN;
            }
            return loss;
        }
    }

    /** Zeroes the gradients, which would otherwise add to the next batch's. */
    void zeroGradients(Trainer trainer) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            zero(gradients(m));
        }
    }

    private List<NDArray> gradients(NDManager m) {
        List<NDArray> gradients = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            NDArray g = p.getArray().getGradient();
            g.attach(m);
            gradients.add(g);
        }
        return gradients;
    }

    /**
     * Scales all gradients together so that their global L2 norm is at most {@code maxGradNorm}.
     *
     * @return false, touching nothing, when the norm is not finite
     */
    private boolean clip(List<NDArray> gradients) {
        double squares = 0;
        for (NDArray g : gradients) {
            squares += g.pow(2).sum().getFloat();
        }
        double norm = Math.sqrt(squares);
        if (!Double.isFinite(norm)) {
            return false;
        }
        if (norm > maxGradNorm) {
            float scale = (float) (maxGradNorm / (norm + 1e-6));
            for (NDArray g : gradients) {
                g.muli(scale);
            }
        }
        return true;
    }

    private static void zero(List<NDArray> gradients) {
        for (NDArray g : gradients) {
            g.set(new NDIndex("..."), 0f);
        }
    }
}
