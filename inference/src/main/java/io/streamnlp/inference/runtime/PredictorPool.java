package io.streamnlp.inference.runtime;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed set of DJL predictors on one model. DJL predictors are not thread-safe while the ONNX
 * Runtime session below them is, so concurrent callers each borrow a predictor; a caller that
 * finds none free waits for one.
 *
 * @param <I> input type of the translator
 * @param <O> output type of the translator
 */
public final class PredictorPool<I, O> implements AutoCloseable {

    private final BlockingQueue<Predictor<I, O>> idle;
    private final List<Predictor<I, O>> all;

    public PredictorPool(Model model, Translator<I, O> translator, int size) {
        if (size < 1) {
            throw new InvalidOptionsException("predictor pool size must be >= 1, got " + size);
        }
        idle = new ArrayBlockingQueue<>(size);
        all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Predictor<I, O> p = model.newPredictor(translator);
            all.add(p);
            idle.add(p);
        }
    }

    /** Runs one input through a free predictor, waiting for one if all are busy. */
    public O predict(I input) {
        Predictor<I, O> predictor;
        try {
            predictor = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceException("interrupted while waiting for a predictor", e);
        }
        try {
            return predictor.predict(input);
        } catch (TranslateException e) {
            throw new InferenceException("prediction failed: " + e.getMessage(), e);
        } finally {
            idle.add(predictor);
        }
    }

    public int size() {
        return all.size();
    }

    /** Closes every predictor; call only once no prediction is in flight. */
    @Override
    public void close() {
        all.forEach(Predictor::close);
    }
}
