package io.streamnlp.finetune.train;

/**
 * The sizes a schedule is planned from.
 *
 * @param trainExamples training examples (an epoch)
 * @param epochTokens padded tokens of one epoch's batches
 * @param devTokens padded tokens of one dev evaluation's batches
 */
public record DataSizes(int trainExamples, long epochTokens, long devTokens) {

    public DataSizes {
        if (trainExamples < 1 || epochTokens < trainExamples || devTokens < 1) {
            throw new IllegalArgumentException("need at least one example and one token per example, got "
                    + trainExamples + " examples, " + epochTokens + " and " + devTokens + " tokens");
        }
    }
}
