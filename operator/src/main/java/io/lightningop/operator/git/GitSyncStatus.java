package io.lightningop.operator.git;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where a git source stands after its last sync.
 *
 * @param fetchedRevision the commit the ref pointed at when last fetched (full SHA)
 * @param appliedRevision the commit that is live (the last good one)
 * @param failedRevision the newest commit that could not be applied, null when the fetched one is live
 * @param errors why {@code failedRevision} was refused (file:line:col for project.yaml problems),
 *     or why the remote could not be fetched
 * @param version the live snapshot's version
 */
public record GitSyncStatus(String source, UUID projectId, String fetchedRevision, String appliedRevision,
    String failedRevision, List<String> errors, Integer version, Instant checkedAt) {
  public GitSyncStatus {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  static GitSyncStatus initial(String source) {
    return new GitSyncStatus(source, null, null, null, null, List.of(), null, null);
  }

  public boolean healthy() {
    return errors.isEmpty();
  }

  GitSyncStatus fetchFailed(String message, Instant now) {
    return new GitSyncStatus(source, projectId, fetchedRevision, appliedRevision, failedRevision, List.of(message), version, now);
  }

  GitSyncStatus unchanged(Instant now) {
    return new GitSyncStatus(source, projectId, fetchedRevision, appliedRevision, failedRevision, errors, version, now);
  }

  GitSyncStatus rejected(String sha, List<String> why, Instant now) {
    return new GitSyncStatus(source, projectId, sha, appliedRevision, sha, why, version, now);
  }

  GitSyncStatus applied(UUID id, String sha, int v, Instant now) {
    return new GitSyncStatus(source, id, sha, sha, null, List.of(), v, now);
  }
}
