package io.streamnlp.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson mapper with default settings, shared by every module above this one (JSON reports,
 * model files, Hugging Face configs): a mapper is thread-safe once configured and costly to build.
 * Formats that need other settings (the strict {@code bundle.json} reader) keep a mapper of their own.
 */
public final class Json {
    /** Never reconfigure it: every user shares it. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}
}
