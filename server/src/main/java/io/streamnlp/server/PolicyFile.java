package io.streamnlp.server;

import io.streamnlp.config.ConfigException;
import io.streamnlp.moderation.InvalidPolicyException;
import io.streamnlp.moderation.ModerationPolicy;
import io.streamnlp.moderation.PolicyFollower;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The moderation policy of a server, followed in its file: the file is read again at most once per check interval,
 * on the request path (a policy is a few kilobytes), and applied as the job applies a policy topic ({@link PolicyFollower}): only a valid
 * document of the same policy with a higher version replaces the current one, so a half-written or mistaken edit
 * leaves the current policy deciding. A mounted ConfigMap or an {@code mv} into place reloads without a restart.
 */
public final class PolicyFile {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyFile.class);

    private final Path file;
    private final long checkIntervalNanos;
    private final LongSupplier nanoClock;
    private final PolicyFollower follower;
    private String lastDocument;
    private long lastCheck;

    private PolicyFile(Path file, Duration checkInterval, LongSupplier nanoClock, PolicyFollower follower) {
        this.file = file;
        this.checkIntervalNanos = checkInterval.toNanos();
        this.nanoClock = nanoClock;
        this.follower = follower;
    }

    /**
     * Reads and validates the policy in {@code file}; a file that cannot be read or holds no valid policy is a
     * configuration error of {@code option}.
     */
    public static PolicyFile open(String option, Path file, Duration checkInterval) {
        return open(option, file, checkInterval, System::nanoTime);
    }

    static PolicyFile open(String option, Path file, Duration checkInterval, LongSupplier nanoClock) {
        Objects.requireNonNull(file, "file");
        String document;
        try {
            document = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(option + ": cannot read " + file + ": " + e);
        }
        String name;
        try {
            name = ModerationPolicy.parse(document).name();
        } catch (InvalidPolicyException e) {
            throw new ConfigException(option + ": " + file + ": " + e.getMessage());
        }
        PolicyFollower follower = new PolicyFollower(name);
        follower.offer(document);
        PolicyFile policy = new PolicyFile(file, checkInterval, nanoClock, follower);
        policy.lastDocument = document;
        policy.lastCheck = nanoClock.getAsLong();
        LOG.info("moderation policy from {}: {}", file, follower.current());
        return policy;
    }

    /** The policy deciding now, after reading the file again if it changed since the last check. */
    public synchronized ModerationPolicy current() {
        long now = nanoClock.getAsLong();
        if (now - lastCheck >= checkIntervalNanos) {
            lastCheck = now;
            reloadIfChanged();
        }
        return follower.current();
    }

    private void reloadIfChanged() {
        try {
            String document = Files.readString(file);
            if (document.equals(lastDocument)) {
                return;
            }
            lastDocument = document;
            PolicyFollower.Offer offer = follower.offer(document);
            switch (offer.outcome()) {
                case APPLIED -> LOG.info("moderation policy reloaded from {}: {}", file, follower.current());
                case IGNORED -> LOG.info("moderation policy file {} changed, not applied: {}", file, offer.reason());
                case INVALID ->
                    LOG.warn(
                            "moderation policy file {} holds an invalid document; {} keeps deciding: {}",
                            file,
                            follower.current(),
                            offer.reason());
            }
        } catch (IOException e) {
            LOG.warn("cannot read the moderation policy file {}; {} keeps deciding: {}", file, follower.current(), e);
        }
    }
}
