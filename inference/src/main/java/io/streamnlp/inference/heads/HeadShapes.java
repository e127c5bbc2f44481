package io.streamnlp.inference.heads;

import io.streamnlp.inference.runtime.DenseOnnxModel;
import io.streamnlp.inference.runtime.InferenceException;

/** Checks a head's declared tensor widths at load time, so a mismatch fails the load, not a batch. */
final class HeadShapes {

    private HeadShapes() {}

    static void require(DenseOnnxModel model, String tensor, long expected, String what) {
        long declared = model.declaredWidth(tensor);
        if (declared >= 0 && declared != expected) {
            throw new InferenceException(what + " '" + tensor + "' has width " + declared + ", expected " + expected);
        }
    }
}
