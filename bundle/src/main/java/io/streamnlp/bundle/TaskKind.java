package io.streamnlp.bundle;

/** The {@code kind} values of bundle entries. */
public final class TaskKind {

    /** An ONNX head on the shared encoder's output. */
    public static final String HEAD = "head";
    /** A Hugging Face Optimum ONNX export with its own tokenizer and encoder. */
    public static final String HF = "hf";

    static final String DEFAULT_INPUT = "input";
    static final String DEFAULT_OUTPUT = "output";

    private TaskKind() {}
}
