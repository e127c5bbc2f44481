package io.streamnlp.cli.registry;

import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Recompute every digest of a version and check that it loads. Exit 0 when sound, 1 otherwise.")
final class VerifyCommand extends RegistrySubcommand {

    @Parameters(index = "0", paramLabel = "REF", description = "NAME, NAME:VERSION or NAME@ALIAS.")
    String reference;

    @Override
    int execute() {
        VerificationReport report = registry().verify(ModelReference.parse(reference));
        String version = report.version().name() + ":" + report.version().version() + " "
                + report.version().digest();
        if (report.sound()) {
            out().println("sound: " + version);
            return 0;
        }
        err().println("not sound: " + version + ": " + String.join("; ", report.problems()));
        return EXIT_FAILURE;
    }
}
