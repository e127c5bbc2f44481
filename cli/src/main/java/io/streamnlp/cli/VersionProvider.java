package io.streamnlp.cli;

import picocli.CommandLine;

/** Reads the version Maven wrote into the jar manifest, or says it runs from a source tree. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = StreamNlp.class.getPackage().getImplementationVersion();
        return new String[] {"streamnlp " + (v == null ? "(development build)" : v)};
    }
}
