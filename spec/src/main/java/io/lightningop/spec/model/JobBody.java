package io.lightningop.spec.model;

/**
 * A job body: inline text ({@code path} null) or the text of a file named by {@code path},
 * relative to the folder of {@code project.yaml}. {@code content} is null when the file could not
 * be read (a validation problem says why).
 */
public record JobBody(String content, String path) {

  public static JobBody inline(String content) {
    return new JobBody(content, null);
  }

  public static JobBody file(String path, String content) {
    return new JobBody(content, path);
  }

  public boolean fromFile() {
    return path != null;
  }
}
