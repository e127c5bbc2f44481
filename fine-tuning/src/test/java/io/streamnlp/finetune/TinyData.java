package io.streamnlp.finetune;

import io.streamnlp.training.data.LabeledText;
import java.util.List;

/** A handful of support tickets, written for these tests. */
public final class TinyData {

    public static final List<LabeledText> TRAIN = List.of(
            new LabeledText("I was charged twice for my subscription", "billing"),
            new LabeledText("Please refund the extra payment on my card", "billing"),
            new LabeledText("My invoice shows the wrong amount", "billing"),
            new LabeledText("Why did my bank card get declined at checkout", "billing"),
            new LabeledText("The parcel has not arrived after two weeks", "shipping"),
            new LabeledText("Tracking says delivered but the box is not here", "shipping"),
            new LabeledText("Can you ship my order to a different address", "shipping"),
            new LabeledText("The courier left the package at the wrong door", "shipping"));

    public static final List<LabeledText> DEV = List.of(
            new LabeledText("I need a refund for a duplicate charge", "billing"),
            new LabeledText("Where is my delivery, it is late", "shipping"));

    private TinyData() {}
}
