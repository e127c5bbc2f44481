package io.streamnlp.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.streamnlp.inference.heads.LinearHead;
import java.util.List;
import java.util.Random;

/**
 * Sequence classification the way the bundle serves it: the encoder's token states, mean-pooled over
 * the real tokens and L2-normalised, through a linear layer. Output: logits {@code [batch, labels]}
 * (the exported head applies the softmax). The head's weight is {@code [hidden, labels]}, the layout
 * of the inference module's {@code LinearHead}.
 */
public final class SentenceClassifier extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final float NORM_FLOOR = 1e-12f;
    private static final double INIT_STD = 0.02;

    private final BertEncoder encoder;
    private final List<String> labels;
    private final Parameter weight;
    private final Parameter bias;

    private SentenceClassifier(BertEncoder encoder, List<String> labels, NDArray headWeight, NDArray headBias) {
        super(VERSION);
        if (labels.size() < 2) {
            throw new IllegalArgumentException("classification needs at least 2 labels, got " + labels);
        }
        this.encoder = addChildBlock("encoder", encoder);
        this.labels = List.copyOf(labels);
        this.weight = addParameter(Parameter.builder().setName("classifier.weight").setType(Parameter.Type.WEIGHT)
                .optArray(headWeight).build());
        this.bias = addParameter(Parameter.builder().setName("classifier.bias").setType(Parameter.Type.BIAS)
                .optArray(headBias).build());
    }

    /**
     * A new head over {@code encoder}, its weights drawn from N(0, 0.02²) as BERT initialises its
     * layers (seeded; not zeros, which would make every label's gradient cancel out in the first step)
     * and its bias 0.
     */
    public static SentenceClassifier withNewHead(BertEncoder encoder, List<String> labels, long seed, NDManager manager) {
        int hidden = encoder.config().hidden();
        Random random = new Random(seed);
        float[] w = new float[hidden * labels.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * INIT_STD);
        }
        return new SentenceClassifier(encoder, labels, manager.create(w, new Shape(hidden, labels.size())),
                manager.zeros(new Shape(labels.size())));
    }

    /** The classifier a checkpoint holds, as arrays of {@code manager}. */
    public static SentenceClassifier of(ClassifierWeights weights, EncoderConfig config, NDManager manager) {
        BertEncoder encoder = BertEncoder.withWeights(config, weights.encoder()::get, manager);
        LinearHead head = weights.head();
        float[] flat = new float[head.inputs() * head.classes()];
        for (int i = 0; i < head.inputs(); i++) {
            System.arraycopy(head.weights()[i], 0, flat, i * head.classes(), head.classes());
        }
        return new SentenceClassifier(encoder, weights.labels(),
                manager.create(flat, new Shape(head.inputs(), head.classes())), manager.create(head.bias()));
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

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray embedding = embed(store, inputs, training);
        NDArray w = store.getValue(weight, embedding.getDevice(), training);
        NDArray b = store.getValue(bias, embedding.getDevice(), training);
        return new NDList(embedding.matMul(w).add(b));
    }

    /** The mean-pooled, L2-normalised sentence embeddings {@code [batch, hidden]}. */
    public NDArray embed(ParameterStore store, NDList inputs, boolean training) {
        NDArray states = encoder.forward(store, inputs, training).singletonOrThrow();
        NDArray mask = inputs.get(1).toType(DataType.FLOAT32, false).expandDims(2);
        NDArray mean = states.mul(mask).sum(new int[] {1}).div(mask.sum(new int[] {1}));
        NDArray norm = mean.pow(2).sum(new int[] {1}, true).sqrt().maximum(NORM_FLOOR);
        return mean.div(norm);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), labels.size())};
    }
}
