package io.streamnlp.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.streamnlp.finetune.onnx.OnnxEncoderWeights;
import io.streamnlp.finetune.onnx.WeightTensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A BERT encoder (post-LayerNorm, exact GELU, no dropout) as a DJL block over NDArray operations, with
 * its parameters named as in Hugging Face's {@code BertModel} and laid out as in the ONNX export
 * (Linear weights {@code [in, out]}), so that weights move between the two without reshaping.
 *
 * <p>Input: {@code input_ids}, {@code attention_mask}, {@code token_type_ids}, each int64
 * {@code [batch, tokens]}. Output: {@code last_hidden_state} float {@code [batch, tokens, hidden]}.
 * Dropout is left out so that training is deterministic and the graph equals the ONNX one.
 */
public final class BertEncoder extends AbstractBlock {

    private static final byte VERSION = 1;
    /** Added to the attention scores of padding, as the Hugging Face export does (float32 minimum). */
    private static final float MASKED = -3.4028234663852886e38f;

    private final EncoderConfig config;
    private final Map<String, Parameter> byName = new LinkedHashMap<>();

    private BertEncoder(EncoderConfig config) {
        super(VERSION);
        this.config = config;
    }

    /**
     * The encoder with the pretrained weights of an ONNX export, as arrays of {@code manager}.
     *
     * @throws IllegalArgumentException if the export lacks a parameter or a shape differs from {@code config}
     */
    public static BertEncoder pretrained(EncoderConfig config, OnnxEncoderWeights weights, NDManager manager) {
        return withWeights(config, weights::get, manager);
    }

    /**
     * The encoder with the weights {@code source} gives for each name of {@link #expectedShapes}.
     *
     * @throws IllegalArgumentException if a weight is missing or its shape differs from {@code config}
     */
    public static BertEncoder withWeights(
            EncoderConfig config, Function<String, WeightTensor> source, NDManager manager) {
        BertEncoder encoder = new BertEncoder(config);
        for (Map.Entry<String, long[]> e : expectedShapes(config).entrySet()) {
            WeightTensor w = source.apply(e.getKey());
            if (w == null || !Arrays.equals(w.shape(), e.getValue())) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " has shape "
                        + (w == null ? "(missing)" : Arrays.toString(w.shape())) + ", expected "
                        + Arrays.toString(e.getValue()));
            }
            encoder.add(e.getKey(), manager.create(w.values(), new Shape(w.shape())));
        }
        return encoder;
    }

    /** Every parameter of {@code config}'s encoder with its shape, in Hugging Face naming and ONNX layout. */
    public static Map<String, long[]> expectedShapes(EncoderConfig c) {
        Map<String, long[]> s = new LinkedHashMap<>();
        long h = c.hidden();
        s.put("embeddings.word_embeddings.weight", new long[] {c.vocabulary(), h});
        s.put("embeddings.position_embeddings.weight", new long[] {c.maxPositions(), h});
        s.put("embeddings.token_type_embeddings.weight", new long[] {2, h});
        s.put("embeddings.LayerNorm.weight", new long[] {h});
        s.put("embeddings.LayerNorm.bias", new long[] {h});
        for (int i = 0; i < c.layers(); i++) {
            String p = "encoder.layer." + i + ".";
            for (String proj : new String[] {"query", "key", "value"}) {
                s.put(p + "attention.self." + proj + ".weight", new long[] {h, h});
                s.put(p + "attention.self." + proj + ".bias", new long[] {h});
            }
            s.put(p + "attention.output.dense.weight", new long[] {h, h});
            s.put(p + "attention.output.dense.bias", new long[] {h});
            s.put(p + "attention.output.LayerNorm.weight", new long[] {h});
            s.put(p + "attention.output.LayerNorm.bias", new long[] {h});
            s.put(p + "intermediate.dense.weight", new long[] {h, c.intermediate()});
            s.put(p + "intermediate.dense.bias", new long[] {c.intermediate()});
            s.put(p + "output.dense.weight", new long[] {c.intermediate(), h});
            s.put(p + "output.dense.bias", new long[] {h});
            s.put(p + "output.LayerNorm.weight", new long[] {h});
            s.put(p + "output.LayerNorm.bias", new long[] {h});
        }
        return s;
    }

    private void add(String name, NDArray value) {
        value.setName(name);
        Parameter p = addParameter(Parameter.builder()
                .setName(name)
                .setType(name.endsWith("bias") ? Parameter.Type.BIAS : Parameter.Type.WEIGHT)
                .optArray(value)
                .build());
        byName.put(name, p);
    }

    public EncoderConfig config() {
        return config;
    }

    /** The parameters by Hugging Face name, in a fixed order. */
    public Map<String, Parameter> namedParameters() {
        return Collections.unmodifiableMap(byName);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray mask = inputs.get(1);
        NDArray types = inputs.get(2);
        long batch = ids.getShape().get(0);
        long tokens = ids.getShape().get(1);
        NDManager m = ids.getManager();
        Weights w = name -> store.getValue(byName.get(name), ids.getDevice(), training);

        NDArray positions = m.arange(0, (int) tokens, 1, DataType.INT64);
        NDArray x = lookup(ids, w.get("embeddings.word_embeddings.weight"))
                .add(lookup(types, w.get("embeddings.token_type_embeddings.weight")))
                .add(lookup(positions, w.get("embeddings.position_embeddings.weight")));
        x = layerNorm(w, x, "embeddings.LayerNorm");

        // [batch, 1, 1, tokens]: 0 for tokens, a huge negative for padding
        NDArray scoreBias =
                mask.toType(DataType.FLOAT32, false).neg().add(1f).mul(MASKED).reshape(batch, 1, 1, tokens);
        for (int i = 0; i < config.layers(); i++) {
            x = layer(w, "encoder.layer." + i + ".", x, scoreBias, batch, tokens);
        }
        return new NDList(x);
    }

    private NDArray layer(Weights w, String p, NDArray x, NDArray scoreBias, long batch, long tokens) {
        int heads = config.heads();
        int size = config.headSize();
        NDArray q = splitHeads(dense(w, x, p + "attention.self.query"), batch, tokens, heads, size);
        NDArray k = splitHeads(dense(w, x, p + "attention.self.key"), batch, tokens, heads, size);
        NDArray v = splitHeads(dense(w, x, p + "attention.self.value"), batch, tokens, heads, size);
        NDArray scores =
                q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(size)).add(scoreBias);
        NDArray context = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, tokens, config.hidden());
        NDArray attended =
                layerNorm(w, dense(w, context, p + "attention.output.dense").add(x), p + "attention.output.LayerNorm");
        NDArray inner = Activation.gelu(dense(w, attended, p + "intermediate.dense"));
        return layerNorm(w, dense(w, inner, p + "output.dense").add(attended), p + "output.LayerNorm");
    }

    private static NDArray splitHeads(NDArray x, long batch, long tokens, int heads, int size) {
        return x.reshape(batch, tokens, heads, size).transpose(0, 2, 1, 3);
    }

    private NDArray dense(Weights w, NDArray x, String module) {
        return x.matMul(w.get(module + ".weight")).add(w.get(module + ".bias"));
    }

    private NDArray layerNorm(Weights w, NDArray x, String module) {
        return LayerNorm.layerNorm(
                        x,
                        new Shape(config.hidden()),
                        w.get(module + ".weight"),
                        w.get(module + ".bias"),
                        config.layerNormEps())
                .singletonOrThrow();
    }

    private static NDArray lookup(NDArray ids, NDArray table) {
        return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** Parameter values for one forward pass. */
    private interface Weights {
        NDArray get(String name);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        return new Shape[] {new Shape(ids.get(0), ids.get(1), config.hidden())};
    }
}
