package io.streamnlp.inference.hf;

import io.streamnlp.inference.runtime.InferenceException;

/** A Hugging Face export directory lacks a file or holds a configuration this package cannot use. */
public class InvalidHfExportException extends InferenceException {

    public InvalidHfExportException(String message) {
        super(message);
    }

    public InvalidHfExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
