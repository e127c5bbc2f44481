package io.streamnlp.bundle;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An encoder graph rewritten to output the states of its last layers beside {@value #LAST_HIDDEN_STATE}, for
 * poolings that read several layers. The shipped encoders (and Optimum exports of BERT-like models) output only the
 * last layer, but their nodes keep PyTorch's scoped names: the node that writes {@value #LAST_HIDDEN_STATE} is called
 * like {@code /encoder/layer.5/output/LayerNorm/Add_1}, and the same node of layer {@code k} writes that layer's
 * states. Declaring those values as graph outputs is enough for ONNX Runtime to return them; nothing is recomputed.
 *
 * @param model the rewritten graph, serialised
 * @param layerOutputs the output names of the last layers' states, the last layer's ({@value #LAST_HIDDEN_STATE})
 *     included, earliest first
 */
public record EncoderLayerOutputs(byte[] model, List<String> layerOutputs) {

    public static final String LAST_HIDDEN_STATE = "last_hidden_state";

    private static final Pattern LAYER_SCOPE = Pattern.compile("(.*/layer\\.)(\\d+)(/.*)");

    /**
     * Rewrites {@code onnxFile} to output its last {@code layers} layers' states.
     *
     * @throws IllegalArgumentException if the graph has no {@value #LAST_HIDDEN_STATE}, its nodes are not named by
     *     layer, or it has fewer layers than asked
     */
    public static EncoderLayerOutputs expose(Path onnxFile, int layers) throws IOException {
        if (layers < 1) {
            throw new IllegalArgumentException("layers must be >= 1, got " + layers);
        }
        OnnxMl.ModelProto model;
        try (InputStream in = Files.newInputStream(onnxFile)) {
            model = OnnxMl.ModelProto.parseFrom(in);
        }
        OnnxMl.GraphProto graph = model.getGraph();
        OnnxMl.NodeProto last = graph.getNodeList().stream()
                .filter(n -> n.getOutputList().contains(LAST_HIDDEN_STATE))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        onnxFile + ": no node writes " + LAST_HIDDEN_STATE + ", so its layers cannot be found"));
        Matcher scope = LAYER_SCOPE.matcher(last.getName());
        if (!scope.matches()) {
            throw new IllegalArgumentException(onnxFile + ": the node that writes " + LAST_HIDDEN_STATE + " is named '"
                    + last.getName() + "', not by layer (…/layer.N/…), so the other layers cannot be found");
        }
        int lastLayer = Integer.parseInt(scope.group(2));
        if (layers > lastLayer + 1) {
            throw new IllegalArgumentException(
                    onnxFile + ": " + layers + " layers asked for, the encoder has " + (lastLayer + 1));
        }
        OnnxMl.GraphProto.Builder rewritten = graph.toBuilder();
        List<String> outputs = new ArrayList<>(layers);
        for (int layer = lastLayer - layers + 1; layer < lastLayer; layer++) {
            String name = scope.group(1) + layer + scope.group(3);
            String output = graph.getNodeList().stream()
                    .filter(n -> n.getName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(onnxFile + ": no node '" + name + "'"))
                    .getOutput(0);
            rewritten.addOutput(OnnxMl.ValueInfoProto.newBuilder()
                    .setName(output)
                    .setType(OnnxMl.TypeProto.newBuilder()
                            .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                                    .setElemType(OnnxMl.TensorProto.DataType.FLOAT_VALUE))));
            outputs.add(output);
        }
        outputs.add(LAST_HIDDEN_STATE);
        return new EncoderLayerOutputs(
                model.toBuilder().setGraph(rewritten).build().toByteArray(), List.copyOf(outputs));
    }
}
