package io.streamnlp.registry;

import java.nio.file.Path;

/**
 * Entry point of a second JVM for {@link CrossProcessRegistrationTest}: registers one bundle
 * {@code count} times into a store and prints each version number.
 */
public final class RegisterInAnotherProcess {

    private RegisterInAnotherProcess() {}

    public static void main(String[] args) {
        ModelStore store = ModelStore.open(Path.of(args[0]));
        Path bundle = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            System.out.println(store.register(
                            "support", bundle, RegistrationRequest.builder().build())
                    .version());
        }
    }
}
