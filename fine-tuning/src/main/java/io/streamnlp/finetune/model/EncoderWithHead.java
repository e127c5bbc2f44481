package io.streamnlp.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.streamnlp.bundle.LinearHead;
import java.util.List;
import java.util.Random;

/**
 * The encoder with a linear head over its output, the shape every fine-tuned task has: what differs
 * between tasks is only what the head reads (a pooled sentence embedding or each token's state). The
 * head's weight is {@code [hidden, labels]}, the layout of the inference module's {@code LinearHead}.
 */
public abstract class EncoderWithHead extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final double INIT_STD = 0.02;

    private final BertEncoder encoder;
    private final List<String> labels;
    private final Parameter weight;
    private final Parameter bias;

    protected EncoderWithHead(BertEncoder encoder, List<String> labels, NDArray headWeight, NDArray headBias) {
        super(VERSION);
        if (labels.size() < 2) {
            throw new IllegalArgumentException("a head needs at least 2 labels, got " + labels);
        }
        this.encoder = addChildBlock("encoder", encoder);
        this.labels = List.copyOf(labels);
        this.weight = addParameter(Parameter.builder()
                .setName("classifier.weight")
                .setType(Parameter.Type.WEIGHT)
                .optArray(headWeight)
                .build());
        this.bias = addParameter(Parameter.builder()
                .setName("classifier.bias")
                .setType(Parameter.Type.BIAS)
                .optArray(headBias)
                .build());
    }

    /** A subclass's constructor: the encoder, the head's labels, its {@code [hidden, labels]} weight and its bias. */
    protected interface Factory<T extends EncoderWithHead> {
        T create(BertEncoder encoder, List<String> labels, NDArray headWeight, NDArray headBias);
    }

    /**
     * A new head over {@code encoder}: weights drawn from N(0, 0.02²) as BERT initialises its layers
     * (seeded; not zeros, which would make every label's gradient cancel out in the first step), bias 0.
     */
    protected static <T extends EncoderWithHead> T withNewHead(
            Factory<T> factory, BertEncoder encoder, List<String> labels, long seed, NDManager manager) {
        int hidden = encoder.config().hidden();
        Random random = new Random(seed);
        float[] w = new float[hidden * labels.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * INIT_STD);
        }
        return factory.create(
                encoder,
                labels,
                manager.create(w, new Shape(hidden, labels.size())),
                manager.zeros(new Shape(labels.size())));
    }

    /** The model a checkpoint holds, as arrays of {@code manager}. */
    protected static <T extends EncoderWithHead> T of(
            Factory<T> factory, ClassifierWeights weights, EncoderConfig config, NDManager manager) {
        LinearHead head = weights.head();
        float[] flat = new float[head.inputs() * head.classes()];
        for (int i = 0; i < head.inputs(); i++) {
            System.arraycopy(head.weights()[i], 0, flat, i * head.classes(), head.classes());
        }
        return factory.create(
                BertEncoder.withWeights(config, weights.encoder()::get, manager),
                weights.labels(),
                manager.create(flat, new Shape(head.inputs(), head.classes())),
                manager.create(head.bias()));
    }

    public BertEncoder encoder() {
        return encoder;
    }

    public List<String> labels() {
        return labels;
    }

    public Parameter headWeight() {
        return weight;
    }

    public Parameter headBias() {
        return bias;
    }

    /** {@code x W + b} over the last axis of {@code x}. */
    protected NDArray head(ParameterStore store, NDArray x, boolean training) {
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        return x.matMul(w).add(b);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
    }
}
