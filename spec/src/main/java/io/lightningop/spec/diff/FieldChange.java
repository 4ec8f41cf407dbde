package io.lightningop.spec.diff;

/** A field's value before and after (null: not set). Field names are the YAML keys. */
public record FieldChange(String field, Object before, Object after) {}
