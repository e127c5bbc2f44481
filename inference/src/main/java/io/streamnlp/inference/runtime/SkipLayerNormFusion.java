package io.streamnlp.inference.runtime;

import ai.onnx.proto.OnnxMl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites {@code LayerNormalization(Add(a, b))} into ONNX Runtime's {@code SkipLayerNormalization(a, b)}:
 * the residual sum and the normalization in one CPU kernel, which on a transformer's hidden states is
 * several times faster than ONNX Runtime's own {@code LayerNormalization}. ONNX Runtime makes this fusion
 * itself only where its shape inference proves both summands the same shape, and a BERT export's embedding
 * sum (a position table broadcast over the batch) leaves every later residual shape unknown to it.
 *
 * <p>The input is a graph that ONNX Runtime has optimized already (its {@code LayerNormFusion} turns the
 * exporter's ReduceMean/Sub/Pow/Sqrt/Div chain into {@code LayerNormalization}). Only sums of two computed
 * tensors qualify: a constant summand is a bias, which SkipLayerNormalization cannot broadcast. Whether the
 * result computes what its source did is for the caller to check ({@link CpuOptimizedModels} runs both).
 */
public final class SkipLayerNormFusion {

    private static final String DOMAIN_MICROSOFT = "com.microsoft";
    private static final float DEFAULT_EPSILON = 1e-5f;

    private SkipLayerNormFusion() {}

    /** A rewritten graph and how many LayerNormalization nodes became SkipLayerNormalization. */
    public record Result(OnnxMl.ModelProto model, int fused) {}

    /** Fuses every qualifying {@code Add} and {@code LayerNormalization} pair of {@code model}. */
    public static Result apply(OnnxMl.ModelProto model) {
        OnnxMl.GraphProto graph = model.getGraph();
        Set<String> constants = new HashSet<>();
        graph.getInitializerList().forEach(t -> constants.add(t.getName()));
        Map<String, OnnxMl.NodeProto> producers = new HashMap<>();
        Map<String, Integer> readers = new HashMap<>();
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            node.getOutputList().forEach(o -> producers.put(o, node));
            node.getInputList().forEach(i -> readers.merge(i, 1, Integer::sum));
            if (node.getOpType().equals("Constant")) {
                constants.addAll(node.getOutputList());
            }
        }
        graph.getOutputList().forEach(o -> readers.merge(o.getName(), 1, Integer::sum));

        Map<String, OnnxMl.NodeProto> replacements = new HashMap<>();
        Set<String> fusedSums = new HashSet<>();
        for (OnnxMl.NodeProto norm : graph.getNodeList()) {
            OnnxMl.NodeProto sum = norm.getInputCount() == 3 ? producers.get(norm.getInput(0)) : null;
            if (!isLastAxisLayerNorm(norm, constants)
                    || sum == null
                    || !sum.getOpType().equals("Add")
                    || !sum.getDomain().isEmpty()
                    || sum.getInputCount() != 2
                    || constants.contains(sum.getInput(0))
                    || constants.contains(sum.getInput(1))
                    || readers.getOrDefault(sum.getOutput(0), 0) != 1) {
                continue;
            }
            replacements.put(norm.getOutput(0), skipLayerNorm(norm, sum));
            fusedSums.add(sum.getOutput(0));
        }
        if (replacements.isEmpty()) {
            return new Result(model, 0);
        }
        List<OnnxMl.NodeProto> nodes = new ArrayList<>();
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            if (node.getOpType().equals("Add") && fusedSums.contains(node.getOutput(0))) {
                continue;
            }
            nodes.add(node.getOutputCount() > 0 ? replacements.getOrDefault(node.getOutput(0), node) : node);
        }
        OnnxMl.ModelProto.Builder rewritten =
                model.toBuilder().setGraph(graph.toBuilder().clearNode().addAllNode(nodes));
        if (model.getOpsetImportList().stream().noneMatch(o -> o.getDomain().equals(DOMAIN_MICROSOFT))) {
            rewritten.addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder()
                    .setDomain(DOMAIN_MICROSOFT)
                    .setVersion(1));
        }
        return new Result(rewritten.build(), replacements.size());
    }

    /** Normalizes over the last axis only, with constant scale and bias, and has no statistics outputs. */
    private static boolean isLastAxisLayerNorm(OnnxMl.NodeProto node, Set<String> constants) {
        if (!node.getOpType().equals("LayerNormalization")
                || !node.getDomain().isEmpty()
                || node.getInputCount() != 3
                || !constants.contains(node.getInput(1))
                || !constants.contains(node.getInput(2))
                || node.getOutputList().stream().skip(1).anyMatch(o -> !o.isEmpty())) {
            return false;
        }
        return node.getAttributeList().stream()
                .filter(a -> a.getName().equals("axis"))
                .allMatch(a -> a.getI() == -1);
    }

    private static OnnxMl.NodeProto skipLayerNorm(OnnxMl.NodeProto norm, OnnxMl.NodeProto sum) {
        float epsilon = norm.getAttributeList().stream()
                .filter(a -> a.getName().equals("epsilon"))
                .map(OnnxMl.AttributeProto::getF)
                .findFirst()
                .orElse(DEFAULT_EPSILON);
        return OnnxMl.NodeProto.newBuilder()
                .setOpType("SkipLayerNormalization")
                .setDomain(DOMAIN_MICROSOFT)
                .setName((norm.getName().isEmpty() ? norm.getOutput(0) : norm.getName()) + "_skip")
                .addAllInput(List.of(sum.getInput(0), sum.getInput(1), norm.getInput(1), norm.getInput(2)))
                .addOutput(norm.getOutput(0))
                .addAttribute(OnnxMl.AttributeProto.newBuilder()
                        .setName("epsilon")
                        .setType(OnnxMl.AttributeProto.AttributeType.FLOAT)
                        .setF(epsilon))
                .build();
    }
}
