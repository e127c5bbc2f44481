package io.streamnlp.inference.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CPU copies of ONNX files with their residual layer norms fused ({@link SkipLayerNormFusion}), made once
 * and kept in the model cache directory ({@link DerivedModelFile}). ONNX Runtime first optimizes the file
 * offline at its extended level (which turns exported layer-norm arithmetic into {@code LayerNormalization}),
 * then the fusion runs on that graph, and the copy is used only if it computes what the source does on a
 * probe input ({@link GraphProbe}). A file with nothing to fuse, or whose copy fails the probe, is served as
 * it is: the cache remembers that and why.
 */
public final class CpuOptimizedModels {

    static final String DIRECTORY = "cpu";

    /** fp32 graphs must agree to rounding. */
    static final double FP32_TOLERANCE = 1e-4;

    /**
     * An int8 graph re-rounds its activations when any value moves, so two correct int8 graphs differ: on the probe,
     * by 2.2% for MiniLM (6 layers) and 8.0% for bge-small (12). A wrong computation differs by the order of 100%.
     */
    static final double INT8_TOLERANCE = 0.15;

    private static final long LARGEST_FILE = 1L << 30;
    private static final Set<String> INT8_OPS =
            Set.of("MatMulInteger", "DynamicQuantizeMatMul", "MatMulIntegerToFloat", "DynamicQuantizeLinear");
    private static final Logger LOG = LoggerFactory.getLogger(CpuOptimizedModels.class);

    private CpuOptimizedModels() {}

    /**
     * The file that runs {@code onnxFile} fastest on the CPU: its fused copy, made now if the cache has none,
     * or the file itself. A file that ONNX Runtime cannot load is returned as it is, for the loader to report, and
     * so is one whose copy cannot be written (a read-only cache, a full disk), with a warning.
     */
    public static Path of(Path onnxFile, Path cacheDir) {
        try {
            if (!Files.isRegularFile(onnxFile) || Files.size(onnxFile) > LARGEST_FILE) {
                return onnxFile;
            }
        } catch (IOException e) {
            return onnxFile;
        }
        String version = SkipLayerNormFusion.class.getSimpleName() + "-v1 on ONNX Runtime "
                + OnnxModels.environment().getVersion();
        DerivedModelFile entry = DerivedModelFile.of(onnxFile, cacheDir, DIRECTORY, version, "cpu");
        return entry.existing().orElseGet(() -> derive(entry));
    }

    private static Path derive(DerivedModelFile entry) {
        Path source = entry.source();
        // ONNX Runtime picks the format it saves by the name: .onnx for a protobuf, .ort for its own
        Path optimized =
                entry.target().resolveSibling("extended-" + entry.target().getFileName());
        try {
            Files.createDirectories(optimized.getParent());
            if (!optimizeOffline(source, optimized)) {
                return source;
            }
            SkipLayerNormFusion.Result fusion = SkipLayerNormFusion.apply(OnnxGraphs.read(optimized));
            if (fusion.fused() == 0) {
                return entry.keepSource("no residual layer norm to fuse");
            }
            Path target = entry.write(fusion.model());
            boolean int8 =
                    fusion.model().getGraph().getNodeList().stream().anyMatch(n -> INT8_OPS.contains(n.getOpType()));
            Optional<String> disagreement =
                    GraphProbe.disagreement(source, target, int8 ? INT8_TOLERANCE : FP32_TOLERANCE);
            if (disagreement.isPresent()) {
                Files.delete(target);
                LOG.info("serving {} unfused: its fused copy {}", source, disagreement.get());
                return entry.keepSource("fused copy refused: " + disagreement.get());
            }
            LOG.info("fused {} residual layer norms of {} for the CPU: {}", fusion.fused(), source, target);
            return target;
        } catch (IOException | InferenceException e) {
            // the copy only makes the model faster: a cache that cannot be written must not stop it loading
            LOG.warn("serving {} unfused: cannot make its CPU copy: {}", source, e.getMessage());
            return source;
        } finally {
            try {
                Files.deleteIfExists(optimized);
            } catch (IOException e) {
                LOG.debug("cannot delete {}", optimized, e);
            }
        }
    }

    /** Lets ONNX Runtime optimize {@code source} and save the result; false if it cannot load the file. */
    private static boolean optimizeOffline(Path source, Path optimized) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizedModelFilePath(optimized.toString());
            OnnxModels.environment().createSession(source.toString(), options).close();
            return true;
        } catch (OrtException e) {
            LOG.debug("ONNX Runtime cannot load {}: {}", source, e.getMessage());
            return false;
        }
    }
}
