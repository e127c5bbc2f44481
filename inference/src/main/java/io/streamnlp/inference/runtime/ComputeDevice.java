package io.streamnlp.inference.runtime;

import java.util.Locale;

/** Where ONNX Runtime runs a model. */
public enum ComputeDevice {
    CPU("CPUExecutionProvider"),
    GPU("CUDAExecutionProvider");

    private final String executionProvider;

    ComputeDevice(String executionProvider) {
        this.executionProvider = executionProvider;
    }

    /** The ONNX Runtime execution provider that this device selects. */
    public String executionProvider() {
        return executionProvider;
    }

    /** Parses {@code cpu} or {@code gpu} (case-insensitive). */
    public static ComputeDevice parse(String value) {
        if (value != null) {
            switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "cpu":
                    return CPU;
                case "gpu":
                case "cuda":
                    return GPU;
                default:
                    break;
            }
        }
        throw new InvalidOptionsException("device must be 'cpu' or 'gpu', got '" + value + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
