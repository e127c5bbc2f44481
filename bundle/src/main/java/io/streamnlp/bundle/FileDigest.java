package io.streamnlp.bundle;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Size and SHA-256 (lower-case hex) of one file of a version. */
public record FileDigest(
        @JsonProperty("size") long size,
        @JsonProperty("sha256") String sha256) {}
