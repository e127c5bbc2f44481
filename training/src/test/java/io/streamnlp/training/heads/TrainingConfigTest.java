package io.streamnlp.training.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    @Test
    void aBuilderChangesOnlyTheOptionsItIsGiven() {
        TrainingConfig moderation = TrainingConfig.classification().toBuilder()
                .hiddenUnits(32)
                .dropout(0.3)
                .labelSmoothing(0)
                .patience(6)
                .build();

        // the text that data fingerprints and the shipped head's recipe are made of
        assertEquals(
                "TrainingConfig[epochs=60, batchSize=32, learningRate=0.003, l2=1.0E-5, classWeightPower=0.5,"
                        + " hiddenUnits=32, dropout=0.3, labelSmoothing=0.0, patience=6, temperatureScaling=true,"
                        + " seed=42]",
                moderation.toString());
        assertEquals(moderation, moderation.toBuilder().build());
    }

    @Test
    void withIsTheBuilderForOneOption() {
        TrainingConfig ner = TrainingConfig.ner();

        assertEquals(ner.toBuilder().seed(7).build(), ner.withSeed(7));
        assertEquals(
                ner.toBuilder().epochs(3).patience(2).build(), ner.withEpochs(3).withPatience(2));
        assertEquals(15, ner.withSeed(7).epochs());
    }

    @Test
    void whatIsBuiltIsValidated() {
        TrainingConfig.Builder builder = TrainingConfig.ner().toBuilder().dropout(1);
        assertThrows(IllegalArgumentException.class, builder::build);
    }
}
