package dev.sift.gateway.release;

import dev.sift.schema.ModelRelease;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which of the releases read from the topic are worth preparing, newest first: the pinned one when a version is
 * pinned, else an authenticated release (signature, version, size, store: {@link ReleaseAuthenticator}) above the
 * highest sequence this gateway accepted ({@link SequenceFloor}), not already live or on trial. A release that fails
 * a check is refused ({@link ReleaseRefusals}), except an older one that was on the topic before the gateway started:
 * that is the topic's history, not an attack. Every authenticated release is remembered for rollbacks. Whether a
 * candidate's labels fit the policies in force is checked when it is prepared ({@link ReleaseInstaller}).
 */
final class ReleaseSelection {

    /**
     * The checks a release passes.
     *
     * @param authenticator signature and the other checks without I/O
     * @param floor the highest sequence accepted
     * @param live the live model, whose release is not taken again
     * @param shadow the shadow slot, whose candidate is not taken again
     */
    record Checks(ReleaseAuthenticator authenticator, SequenceFloor floor, LiveModel live, ShadowModel shadow) {
    }

    private final String pinned;
    private final Checks checks;
    private final KnownReleases known;
    private final ReleaseRefusals refusals;

    /**
     * @param pinnedVersion the only version to take ({@code sift.releases.pinned-version}), blank for any newer one
     * @param checks the checks a release passes
     * @param known where authenticated releases are remembered
     * @param refusals where refusals are recorded
     */
    ReleaseSelection(String pinnedVersion, Checks checks, KnownReleases known, ReleaseRefusals refusals) {
        this.pinned = pinnedVersion == null ? "" : pinnedVersion;
        this.checks = checks;
        this.known = known;
        this.refusals = refusals;
    }

    /**
     * @param read releases read from the topic, in topic order
     * @return those worth preparing, highest sequence first (the newest that can be prepared wins)
     */
    List<ModelRelease> candidates(List<ReleaseTopicReader.Read> read) {
        List<ModelRelease> candidates = new ArrayList<>();
        for (ReleaseTopicReader.Read r : read) {
            if (admissible(r.release(), r.history())) {
                candidates.add(r.release());
            }
        }
        candidates.sort(Comparator.comparingLong(ModelRelease::getSequence).reversed());
        return candidates;
    }

    private boolean admissible(ModelRelease release, boolean history) {
        if (!pinned.isBlank() && !pinned.equals(release.getVersion())) {
            return false;
        }
        try {
            checks.authenticator().authenticate(release);
        } catch (ReleaseRejectedException e) {
            refusals.refuse(release, e);
            return false;
        }
        known.remember(release);
        if (release.getVersion().equals(checks.live().info().version())
                || release.getVersion().equals(checks.shadow().version())) {
            return false;
        }
        SequenceFloor floor = checks.floor();
        if (pinned.isBlank() && !floor.admits(release)) {
            if (!history) {
                refusals.refuse(release, new ReleaseRejectedException(RejectionReason.NOT_NEWER, "release "
                        + release.getVersion() + " has sequence " + release.getSequence() + ", not above "
                        + floor.sequence() + ", the highest this gateway accepted"));
            }
            return false;
        }
        return true;
    }
}
