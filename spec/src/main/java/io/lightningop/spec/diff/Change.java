package io.lightningop.spec.diff;

import java.util.List;

/**
 * One entity created, updated or deleted. {@code workflow} is the workflow key for jobs,
 * triggers and edges (null otherwise); {@code fields} lists what changed (for updates) or the
 * values set (for creations).
 */
public record Change(Kind kind, Type type, String workflow, String key, List<FieldChange> fields) {
  public Change {
    fields = List.copyOf(fields);
  }

  public enum Kind {
    PROJECT, CREDENTIAL, COLLECTION, CHANNEL, WORKFLOW, JOB, TRIGGER, EDGE;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public enum Type { CREATE, UPDATE, DELETE }

  /** {@code workflow/key} for workflow children, else the key. */
  public String qualifiedKey() {
    return workflow == null ? key : workflow + "/" + key;
  }
}
