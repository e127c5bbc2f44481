package io.streamnlp.cli.chaos;

import java.util.Locale;

/** The kinds of fault a chaos run injects, by their {@code --faults} names. */
enum Fault {
    /** {@code kill -9} of a TaskManager; a replacement is started at once. */
    TASKMANAGER,
    /** {@code kill -9} of the KRaft node that is the active controller; restarted later on its data. */
    BROKER,
    /** {@code SIGSTOP} of the schema registry, {@code SIGCONT} 20 s later. */
    REGISTRY,
    /** A new version of the default model becomes champion; the job follows through model events. */
    SWAP;

    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
