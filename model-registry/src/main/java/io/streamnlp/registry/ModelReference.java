package io.streamnlp.registry;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A reference to a model version as users write it: {@code NAME}, {@code NAME:VERSION} or
 * {@code NAME@ALIAS}. A plain {@code NAME} means the {@value #DEFAULT_ALIAS} alias when it is
 * set, otherwise the latest active version.
 */
public record ModelReference(String name, Integer version, String alias) {

    public static final String DEFAULT_ALIAS = "champion";

    public ModelReference {
        ModelNames.requireModelName(name);
        if (version != null && alias != null) {
            throw new InvalidNameException("a reference names a version or an alias, not both");
        }
        if (version != null) {
            ModelNames.requireVersion(version);
        }
        if (alias != null) {
            ModelNames.requireAlias(alias);
        }
    }

    public static ModelReference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidNameException("empty model reference: expected NAME, NAME:VERSION or NAME@ALIAS");
        }
        int colon = text.indexOf(':');
        int at = text.indexOf('@');
        if (colon >= 0 && at >= 0) {
            throw new InvalidNameException("invalid model reference '" + ModelNames.printable(text)
                    + "': expected NAME, NAME:VERSION or NAME@ALIAS");
        }
        if (colon >= 0) {
            return ofVersion(text.substring(0, colon), ModelNames.parseVersion(text.substring(colon + 1)));
        }
        if (at >= 0) {
            return ofAlias(text.substring(0, at), text.substring(at + 1));
        }
        return ofName(text);
    }

    public static ModelReference ofName(String name) {
        return new ModelReference(name, null, null);
    }

    public static ModelReference ofVersion(String name, int version) {
        return new ModelReference(name, version, null);
    }

    public static ModelReference ofAlias(String name, String alias) {
        return new ModelReference(name, null, alias);
    }

    public OptionalInt versionNumber() {
        return version == null ? OptionalInt.empty() : OptionalInt.of(version);
    }

    public Optional<String> aliasName() {
        return Optional.ofNullable(alias);
    }

    @Override
    public String toString() {
        if (version != null) {
            return name + ":" + version;
        }
        return alias != null ? name + "@" + alias : name;
    }
}
