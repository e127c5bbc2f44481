package io.streamnlp.finetune.export;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.streamnlp.bundle.Json;
import io.streamnlp.bundle.LinearHead;
import io.streamnlp.finetune.onnx.OnnxEncoderWeights;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Writes a fine-tuned encoder with its linear head as a Hugging Face Optimum-style export directory
 * ({@value #MODEL}, {@value #CONFIG}, {@value #TOKENIZER}) that the inference module's
 * {@code HfSequenceClassifier} or {@code HfTokenClassifier} serves as it is. A bundle embeds such a
 * directory as an {@code hf} classification task, so that one task runs on its own fine-tuned encoder
 * while the other tasks keep the shared one.
 *
 * <p>{@value #MODEL} is the base encoder graph with the fine-tuned values in its initializers and the
 * head appended, so that its only output is {@code logits}: the loaders apply the softmax themselves.
 * The appended nodes use the operator forms of opsets up to 12 (axes as attributes), the forms of the
 * base graph's opset.
 */
public final class HfExportWriter {

    public static final String MODEL = "model.onnx";
    public static final String CONFIG = "config.json";
    public static final String TOKENIZER = "tokenizer.json";

    private static final String ATTENTION_MASK = "attention_mask";
    private static final String LAST_HIDDEN_STATE = "last_hidden_state";
    private static final String LOGITS = "logits";
    private static final String WEIGHT = "classifier.weight";
    private static final String BIAS = "classifier.bias";
    /** The last opset whose ReduceSum and Unsqueeze take their axes as attributes. */
    private static final long LAST_AXES_ATTRIBUTE_OPSET = 12;
    /** SentenceClassifier's floor under the embedding norm, so that an all-zero mean stays finite. */
    private static final float NORM_FLOOR = 1e-12f;
    /** BERT's {@code [PAD]}; padded positions are masked out either way. */
    private static final int PAD_TOKEN_ID = 0;

    private static final ObjectMapper JSON = Json.MAPPER;

    /** How the head reads the encoder's token states. */
    public enum Pooling {
        /**
         * Sequence classification: the token states mean-pooled over the real tokens and L2-normalised,
         * as {@code SentenceClassifier} computes them; logits {@code [batch, labels]}.
         */
        MEAN_NORMALIZED("BertForSequenceClassification"),
        /** Token classification: the head on every token's state; logits {@code [batch, tokens, labels]}. */
        NONE("BertForTokenClassification");

        private final String architecture;

        Pooling(String architecture) {
            this.architecture = architecture;
        }
    }

    private HfExportWriter() {}

    /**
     * Writes model.onnx, config.json and tokenizer.json into dir (created if missing).
     *
     * @param encoderValues fine-tuned encoder weights by Hugging Face parameter name, in ONNX layout
     * @param head weights {@code [hidden][labels]} and bias {@code [labels]}
     * @param labels the head's labels in output order
     * @param base the ONNX encoder the weights were read from
     * @param tokenizerJson the encoder's tokenizer.json
     * @throws IllegalArgumentException if the head does not fit the encoder or the labels, the labels
     *     repeat, an encoder value does not fit the graph, or the graph is not an encoder this can extend
     */
    public static void write(
            Path dir,
            Pooling pooling,
            Map<String, float[]> encoderValues,
            LinearHead head,
            List<String> labels,
            OnnxEncoderWeights base,
            Path tokenizerJson)
            throws IOException {
        long[] words = base.get("embeddings.word_embeddings.weight").shape();
        if (head.inputs() != words[1]) {
            throw new IllegalArgumentException(
                    "head takes " + head.inputs() + " inputs, the encoder gives " + words[1]);
        }
        if (head.classes() != labels.size()) {
            throw new IllegalArgumentException(
                    "head has " + head.classes() + " outputs for " + labels.size() + " labels");
        }
        if (new HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("labels must be distinct, got " + labels);
        }
        OnnxMl.ModelProto model = withHead(base.modelWith(encoderValues), pooling, head);
        ObjectNode config = config(
                pooling,
                labels,
                (int) words[0],
                (int) words[1],
                (int) base.get("embeddings.position_embeddings.weight").shape()[0],
                (int) base.get("embeddings.token_type_embeddings.weight").shape()[0]);
        Files.createDirectories(dir);
        Files.write(dir.resolve(MODEL), model.toByteArray());
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(CONFIG).toFile(), config);
        Files.copy(tokenizerJson, dir.resolve(TOKENIZER), StandardCopyOption.REPLACE_EXISTING);
    }

    private static OnnxMl.ModelProto withHead(OnnxMl.ModelProto encoder, Pooling pooling, LinearHead head) {
        long opset = opset(encoder);
        if (opset > LAST_AXES_ATTRIBUTE_OPSET) {
            throw new IllegalArgumentException("the encoder graph has opset " + opset + "; the head's nodes are"
                    + " written in the forms of opsets up to " + LAST_AXES_ATTRIBUTE_OPSET);
        }
        OnnxMl.ModelProto.Builder model = encoder.toBuilder();
        OnnxMl.GraphProto.Builder graph = model.getGraphBuilder();
        OnnxMl.ValueInfoProto states = graph.getOutputList().stream()
                .filter(o -> o.getName().equals(LAST_HIDDEN_STATE))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("the encoder graph has no output " + LAST_HIDDEN_STATE));
        if (graph.getInputList().stream().noneMatch(i -> i.getName().equals(ATTENTION_MASK))) {
            throw new IllegalArgumentException("the encoder graph has no input " + ATTENTION_MASK);
        }
        float[] w = new float[head.inputs() * head.classes()];
        for (int i = 0; i < head.inputs(); i++) {
            System.arraycopy(head.weights()[i], 0, w, i * head.classes(), head.classes());
        }
        graph.addInitializer(floats(WEIGHT, w, head.inputs(), head.classes()));
        graph.addInitializer(floats(BIAS, head.bias(), head.classes()));
        String features = LAST_HIDDEN_STATE;
        if (pooling == Pooling.MEAN_NORMALIZED) {
            features = appendMeanNormalized(graph);
        }
        graph.addNode(node("MatMul", List.of(features, WEIGHT), "/head/MatMul_output_0"));
        graph.addNode(node("Add", List.of("/head/MatMul_output_0", BIAS), LOGITS));

        OnnxMl.TensorShapeProto stateShape = states.getType().getTensorType().getShape();
        OnnxMl.TensorShapeProto.Builder shape =
                OnnxMl.TensorShapeProto.newBuilder().addDim(stateShape.getDim(0));
        if (pooling == Pooling.NONE) {
            shape.addDim(stateShape.getDim(1));
        }
        shape.addDimBuilder().setDimValue(head.classes());
        graph.clearOutput()
                .addOutput(OnnxMl.ValueInfoProto.newBuilder()
                        .setName(LOGITS)
                        .setType(OnnxMl.TypeProto.newBuilder()
                                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT_VALUE)
                                        .setShape(shape))));
        return model.build();
    }

    /**
     * Appends {@code SentenceClassifier.embed}: the states times the float mask, summed over the tokens
     * and divided by the mask's sum, then divided by {@code max(L2 norm, 1e-12)}.
     *
     * @return the name of the {@code [batch, hidden]} embedding
     */
    private static String appendMeanNormalized(OnnxMl.GraphProto.Builder graph) {
        graph.addInitializer(floats("/head/norm_floor", new float[] {NORM_FLOOR}));
        graph.addNode(node(
                "Cast",
                List.of(ATTENTION_MASK),
                "/head/Cast_output_0",
                intAttribute("to", OnnxMl.TensorProto.DataType.FLOAT_VALUE)));
        graph.addNode(node("Unsqueeze", List.of("/head/Cast_output_0"), "/head/mask", axes(2)));
        graph.addNode(node("Mul", List.of(LAST_HIDDEN_STATE, "/head/mask"), "/head/Mul_output_0"));
        graph.addNode(
                node("ReduceSum", List.of("/head/Mul_output_0"), "/head/sum", axes(1), intAttribute("keepdims", 0)));
        graph.addNode(node("ReduceSum", List.of("/head/mask"), "/head/count", axes(1), intAttribute("keepdims", 0)));
        graph.addNode(node("Div", List.of("/head/sum", "/head/count"), "/head/mean"));
        graph.addNode(node("Mul", List.of("/head/mean", "/head/mean"), "/head/Mul_1_output_0"));
        graph.addNode(node(
                "ReduceSum",
                List.of("/head/Mul_1_output_0"),
                "/head/ReduceSum_output_0",
                axes(1),
                intAttribute("keepdims", 1)));
        graph.addNode(node("Sqrt", List.of("/head/ReduceSum_output_0"), "/head/Sqrt_output_0"));
        graph.addNode(node("Max", List.of("/head/Sqrt_output_0", "/head/norm_floor"), "/head/norm"));
        graph.addNode(node("Div", List.of("/head/mean", "/head/norm"), "/head/embedding"));
        return "/head/embedding";
    }

    private static ObjectNode config(
            Pooling pooling, List<String> labels, int vocabulary, int hidden, int maxPositions, int typeVocabulary) {
        ObjectNode config = JSON.createObjectNode();
        config.putArray("architectures").add(pooling.architecture);
        config.put("model_type", "bert");
        if (pooling == Pooling.MEAN_NORMALIZED) {
            config.put("problem_type", "single_label_classification");
        }
        ObjectNode id2label = config.putObject("id2label");
        ObjectNode label2id = config.putObject("label2id");
        for (int i = 0; i < labels.size(); i++) {
            id2label.put(Integer.toString(i), labels.get(i));
            label2id.put(labels.get(i), i);
        }
        config.put("hidden_size", hidden);
        config.put("max_position_embeddings", maxPositions);
        config.put("pad_token_id", PAD_TOKEN_ID);
        config.put("type_vocab_size", typeVocabulary);
        config.put("vocab_size", vocabulary);
        return config;
    }

    private static long opset(OnnxMl.ModelProto model) {
        return model.getOpsetImportList().stream()
                .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(OnnxMl.OperatorSetIdProto::getVersion)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the encoder graph imports no ONNX opset"));
    }

    private static OnnxMl.NodeProto node(
            String op, List<String> inputs, String output, OnnxMl.AttributeProto... attributes) {
        OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder()
                .setOpType(op)
                .setName(output)
                .addAllInput(inputs)
                .addOutput(output);
        for (OnnxMl.AttributeProto a : attributes) {
            node.addAttribute(a);
        }
        return node.build();
    }

    private static OnnxMl.AttributeProto axes(long axis) {
        return OnnxMl.AttributeProto.newBuilder()
                .setName("axes")
                .setType(OnnxMl.AttributeProto.AttributeType.INTS)
                .addInts(axis)
                .build();
    }

    private static OnnxMl.AttributeProto intAttribute(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INT)
                .setI(value)
                .build();
    }

    private static OnnxMl.TensorProto floats(String name, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder()
                .setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }
}
