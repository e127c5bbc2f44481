package io.streamnlp.inference.hf;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Writes a tiny encoder-decoder export in Optimum's with-past layout, built by hand so that the cached
 * and the uncached decoder compute the same function: the decoder state at position t is the sum of
 * the token embeddings up to t (key) plus half of it again (value), and the encoder term is the masked
 * sum of the encoder states (key) plus a quarter of it (value). decoder_model.onnx computes this with a
 * cumulative sum and returns the embeddings as {@code present.*}; decoder_with_past_model.onnx appends
 * the newest embedding to the past and sums, so it gives the same logits only if the cache it is fed
 * is the right one for every row.
 */
final class ToySeq2SeqExport {

    static final int VOCAB = 187;
    private static final int HIDDEN = 8;
    private static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT_VALUE;
    private static final int INT64 = OnnxMl.TensorProto.DataType.INT64_VALUE;

    private ToySeq2SeqExport() {}

    /**
     * @param withPast whether to write decoder_with_past_model.onnx
     * @param pastWeightsScale 1 for a with-past graph equivalent to the plain decoder; anything else breaks the
     *     equivalence (a control that shows the cached graph is really used)
     */
    static Path write(Path dir, boolean withPast, float pastWeightsScale) throws IOException {
        Files.createDirectories(dir);
        Path bart = Fixtures.dir(Fixtures.BART);
        for (String f : List.of("tokenizer.json", "tokenizer_config.json", "config.json", "generation_config.json")) {
            Files.copy(bart.resolve(f), dir.resolve(f));
        }
        Random random = new Random(7);
        float[] encoderEmbeddings = gaussian(random, VOCAB * HIDDEN, 0.5f);
        float[] decoderEmbeddings = gaussian(random, VOCAB * HIDDEN, 0.5f);
        float[] output = gaussian(random, HIDDEN * VOCAB, 1f);
        Files.write(
                dir.resolve("encoder_model.onnx"), encoder(encoderEmbeddings).toByteArray());
        Files.write(
                dir.resolve("decoder_model.onnx"),
                decoder(decoderEmbeddings, output).toByteArray());
        if (withPast) {
            float[] scaled = output.clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= pastWeightsScale;
            }
            Files.write(
                    dir.resolve("decoder_with_past_model.onnx"),
                    decoderWithPast(decoderEmbeddings, scaled).toByteArray());
        }
        return dir;
    }

    private static OnnxMl.ModelProto encoder(float[] embeddings) {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder()
                .setName("encoder")
                .addInput(value("input_ids", INT64, "batch", "source"))
                .addInput(value("attention_mask", INT64, "batch", "source"))
                .addOutput(value("last_hidden_state", FLOAT, "batch", "source", HIDDEN))
                .addInitializer(floats("E", embeddings, VOCAB, HIDDEN))
                .addNode(node("Gather", List.of("E", "input_ids"), List.of("last_hidden_state")));
        return model(g);
    }

    private static OnnxMl.ModelProto decoder(float[] embeddings, float[] output) {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder()
                .setName("decoder")
                .addInput(value("input_ids", INT64, "batch", "target"))
                .addInput(value("encoder_hidden_states", FLOAT, "batch", "source", HIDDEN))
                .addInput(value("encoder_attention_mask", INT64, "batch", "source"))
                .addOutput(value("logits", FLOAT, "batch", "target", VOCAB))
                .addOutput(value("present.0.decoder.key", FLOAT, "batch", 1, "target", HIDDEN))
                .addOutput(value("present.0.decoder.value", FLOAT, "batch", 1, "target", HIDDEN))
                .addOutput(value("present.0.encoder.key", FLOAT, "batch", 1, "source", HIDDEN))
                .addOutput(value("present.0.encoder.value", FLOAT, "batch", 1, "source", HIDDEN));
        constants(g, embeddings, output);
        g.addNode(node("Gather", List.of("E", "input_ids"), List.of("x")))
                .addNode(node("Unsqueeze", List.of("x", "axis1"), List.of("present.0.decoder.key")))
                .addNode(node("Identity", List.of("present.0.decoder.key"), List.of("present.0.decoder.value")))
                .addNode(node("Unsqueeze", List.of("encoder_hidden_states", "axis1"), List.of("present.0.encoder.key")))
                .addNode(node("Identity", List.of("present.0.encoder.key"), List.of("present.0.encoder.value")))
                .addNode(node("CumSum", List.of("x", "scalar1"), List.of("cum")))
                .addNode(node("Mul", List.of("cum", "one_and_half"), List.of("self")));
        encoderTerm(g, "encoder_hidden_states", "encoder_hidden_states");
        g.addNode(node("Add", List.of("self", "cross"), List.of("h")))
                .addNode(node("MatMul", List.of("h", "W"), List.of("logits")));
        return model(g);
    }

    private static OnnxMl.ModelProto decoderWithPast(float[] embeddings, float[] output) {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder()
                .setName("decoder_with_past")
                .addInput(value("input_ids", INT64, "batch", 1))
                .addInput(value("encoder_attention_mask", INT64, "batch", "source"))
                .addInput(value("past_key_values.0.decoder.key", FLOAT, "batch", 1, "past", HIDDEN))
                .addInput(value("past_key_values.0.decoder.value", FLOAT, "batch", 1, "past", HIDDEN))
                .addInput(value("past_key_values.0.encoder.key", FLOAT, "batch", 1, "source", HIDDEN))
                .addInput(value("past_key_values.0.encoder.value", FLOAT, "batch", 1, "source", HIDDEN))
                .addOutput(value("logits", FLOAT, "batch", 1, VOCAB))
                .addOutput(value("present.0.decoder.key", FLOAT, "batch", 1, "total", HIDDEN))
                .addOutput(value("present.0.decoder.value", FLOAT, "batch", 1, "total", HIDDEN));
        constants(g, embeddings, output);
        g.addNode(node("Gather", List.of("E", "input_ids"), List.of("x")))
                .addNode(node("Unsqueeze", List.of("x", "axis1"), List.of("x4")))
                .addNode(concat("past_key_values.0.decoder.key", "x4", "present.0.decoder.key"))
                .addNode(concat("past_key_values.0.decoder.value", "x4", "present.0.decoder.value"))
                .addNode(node("ReduceSum", List.of("present.0.decoder.key", "axis2"), List.of("key_sum"), 0))
                .addNode(node("ReduceSum", List.of("present.0.decoder.value", "axis2"), List.of("value_sum"), 0))
                .addNode(node("Mul", List.of("value_sum", "half"), List.of("half_value")))
                .addNode(node("Add", List.of("key_sum", "half_value"), List.of("self")))
                .addNode(node("Squeeze", List.of("past_key_values.0.encoder.key", "axis1"), List.of("enc_key")))
                .addNode(node("Squeeze", List.of("past_key_values.0.encoder.value", "axis1"), List.of("enc_value")));
        encoderTerm(g, "enc_key", "enc_value");
        g.addNode(node("Add", List.of("self", "cross"), List.of("h")))
                .addNode(node("MatMul", List.of("h", "W"), List.of("logits")));
        return model(g);
    }

    /** cross = sum over source of mask * key + 0.25 * sum over source of mask * value, shape [batch, 1, hidden]. */
    private static void encoderTerm(OnnxMl.GraphProto.Builder g, String key, String value) {
        g.addNode(node("Cast", List.of("encoder_attention_mask"), List.of("mask_f")).toBuilder()
                        .addAttribute(OnnxMl.AttributeProto.newBuilder()
                                .setName("to")
                                .setType(OnnxMl.AttributeProto.AttributeType.INT)
                                .setI(FLOAT))
                        .build())
                .addNode(node("Unsqueeze", List.of("mask_f", "axis2"), List.of("mask3")))
                .addNode(node("Mul", List.of(key, "mask3"), List.of("masked_key")))
                .addNode(node("Mul", List.of(value, "mask3"), List.of("masked_value")))
                .addNode(node("ReduceSum", List.of("masked_key", "axis1"), List.of("key_term"), 1))
                .addNode(node("ReduceSum", List.of("masked_value", "axis1"), List.of("value_sum_enc"), 1))
                .addNode(node("Mul", List.of("value_sum_enc", "quarter"), List.of("value_term")))
                .addNode(node("Add", List.of("key_term", "value_term"), List.of("cross")));
    }

    private static void constants(OnnxMl.GraphProto.Builder g, float[] embeddings, float[] output) {
        g.addInitializer(floats("E", embeddings, VOCAB, HIDDEN))
                .addInitializer(floats("W", output, HIDDEN, VOCAB))
                .addInitializer(longs("axis1", 1))
                .addInitializer(longs("axis2", 2))
                .addInitializer(OnnxMl.TensorProto.newBuilder()
                        .setName("scalar1")
                        .setDataType(INT64)
                        .addInt64Data(1))
                .addInitializer(OnnxMl.TensorProto.newBuilder()
                        .setName("half")
                        .setDataType(FLOAT)
                        .addFloatData(0.5f))
                .addInitializer(OnnxMl.TensorProto.newBuilder()
                        .setName("one_and_half")
                        .setDataType(FLOAT)
                        .addFloatData(1.5f))
                .addInitializer(OnnxMl.TensorProto.newBuilder()
                        .setName("quarter")
                        .setDataType(FLOAT)
                        .addFloatData(0.25f));
    }

    private static OnnxMl.ModelProto model(OnnxMl.GraphProto.Builder graph) {
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("streamnlp-test")
                .addOpsetImport(
                        OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph)
                .build();
    }

    private static OnnxMl.NodeProto node(String op, List<String> inputs, List<String> outputs) {
        return OnnxMl.NodeProto.newBuilder()
                .setOpType(op)
                .addAllInput(inputs)
                .addAllOutput(outputs)
                .setName(op + "_" + outputs.get(0))
                .build();
    }

    private static OnnxMl.NodeProto node(String op, List<String> inputs, List<String> outputs, int keepDims) {
        return node(op, inputs, outputs).toBuilder()
                .addAttribute(OnnxMl.AttributeProto.newBuilder()
                        .setName("keepdims")
                        .setType(OnnxMl.AttributeProto.AttributeType.INT)
                        .setI(keepDims))
                .build();
    }

    private static OnnxMl.NodeProto concat(String past, String current, String out) {
        return node("Concat", List.of(past, current), List.of(out)).toBuilder()
                .addAttribute(OnnxMl.AttributeProto.newBuilder()
                        .setName("axis")
                        .setType(OnnxMl.AttributeProto.AttributeType.INT)
                        .setI(2))
                .build();
    }

    private static OnnxMl.ValueInfoProto value(String name, int type, Object... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof Integer i) {
                dim.setDimValue(i);
            } else {
                dim.setDimParam((String) d);
            }
            shape.addDim(dim);
        }
        return OnnxMl.ValueInfoProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.TypeProto.newBuilder()
                        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                                .setElemType(type)
                                .setShape(shape)))
                .build();
    }

    private static OnnxMl.TensorProto floats(String name, float[] values, long... dims) {
        OnnxMl.TensorProto.Builder t =
                OnnxMl.TensorProto.newBuilder().setName(name).setDataType(FLOAT);
        for (long d : dims) {
            t.addDims(d);
        }
        for (float v : values) {
            t.addFloatData(v);
        }
        return t.build();
    }

    private static OnnxMl.TensorProto longs(String name, long... values) {
        OnnxMl.TensorProto.Builder t =
                OnnxMl.TensorProto.newBuilder().setName(name).setDataType(INT64).addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    private static float[] gaussian(Random random, int n, float scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) random.nextGaussian() * scale;
        }
        return out;
    }
}
