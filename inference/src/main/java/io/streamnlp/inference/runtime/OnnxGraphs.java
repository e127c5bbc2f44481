package io.streamnlp.inference.runtime;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads ONNX files, and tensor shapes from a graph's declaration. DJL's ONNX Runtime engine does not
 * describe outputs, and checking a head's widths at load time turns a wrong head into a clear load
 * error instead of a failed batch.
 */
final class OnnxGraphs {

    private OnnxGraphs() {}

    /** Name of each graph input and output mapped to its last dimension, or -1 where that is symbolic. */
    static Map<String, Long> lastDimensions(Path onnxFile) {
        OnnxMl.ModelProto model = read(onnxFile);
        Map<String, Long> out = new HashMap<>();
        for (List<OnnxMl.ValueInfoProto> values :
                List.of(model.getGraph().getInputList(), model.getGraph().getOutputList())) {
            for (OnnxMl.ValueInfoProto v : values) {
                OnnxMl.TensorShapeProto shape = v.getType().getTensorType().getShape();
                int rank = shape.getDimCount();
                long last = -1;
                if (rank > 0 && shape.getDim(rank - 1).hasDimValue()) {
                    last = shape.getDim(rank - 1).getDimValue();
                }
                out.put(v.getName(), last);
            }
        }
        return out;
    }

    /**
     * Parses an ONNX file.
     *
     * @throws InferenceException if it cannot be read or is not an ONNX model
     */
    static OnnxMl.ModelProto read(Path onnxFile) {
        try (InputStream in = Files.newInputStream(onnxFile)) {
            return OnnxMl.ModelProto.parseFrom(in);
        } catch (IOException e) {
            throw new InferenceException("cannot read ONNX graph " + onnxFile + ": " + e.getMessage(), e);
        }
    }
}
