package io.streamnlp.training.heads;

import java.util.List;

/**
 * A trained head and how its training went.
 *
 * @param head the head kept (the best dev epoch's with early stopping), temperature included
 * @param epochs the epochs that head was trained for
 * @param devCurve dev macro-F1 after each epoch run; empty without a dev set
 * @param temperature the temperature folded into the output layer; 1 when none was fitted
 */
public record FittedHead(Head head, int epochs, List<Double> devCurve, double temperature) {

    public FittedHead {
        devCurve = List.copyOf(devCurve);
    }
}
