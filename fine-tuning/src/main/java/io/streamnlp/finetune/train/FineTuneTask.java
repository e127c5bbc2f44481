package io.streamnlp.finetune.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.streamnlp.finetune.model.EncoderWithHead;

/**
 * What {@link FineTuner} needs to know about a task: the model, its training batches and loss, and how
 * a dev evaluation scores a checkpoint.
 *
 * @param <R> the dev report (classification or entity scores)
 */
public interface FineTuneTask<R> {

    /** The model being trained; its arrays belong to the {@code Model} the trainer runs. */
    EncoderWithHead block();

    Loss loss();

    /** Number of training examples; batches are arrays of their indices. */
    int trainingExamples();

    /** Tokens of one training example: batches group examples of similar length. */
    int tokens(int example);

    /** Number of dev examples. */
    int devExamples();

    /** Tokens of one dev example. */
    int devTokens(int example);

    /** The head's learning rate that measured best for this kind of task, for a picked schedule. */
    float headLearningRate();

    /** Model inputs and loss labels of the training examples {@code rows}, as arrays of {@code manager}. */
    Batch batch(int[] rows, NDManager manager);

    /** Scores the model as it is now on the dev data (forward passes only). */
    Evaluation<R> evaluate(Trainer trainer);

    /** The name of {@link Evaluation#score()} in progress output, e.g. {@code accuracy}. */
    String scoreName();

    record Batch(NDList inputs, NDList labels) {}

    /**
     * @param score what picks the best checkpoint (higher is better)
     * @param report the full dev scores
     */
    record Evaluation<R>(double score, R report) {}
}
