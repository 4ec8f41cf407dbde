package io.lightningop.spec.validate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each field of a project was written: field path → location of its value (and of its
 * key, for problems about the key itself). Kept apart from the model so that model equality
 * ignores formatting.
 */
public final class SourceMap {
  private final String file;
  private final Map<String, Location> values;
  private final Map<String, Location> keys;

  private SourceMap(String file, Map<String, Location> values, Map<String, Location> keys) {
    this.file = file;
    this.values = values;
    this.keys = keys;
  }

  public static SourceMap empty(String file) {
    return new SourceMap(file, Map.of(), Map.of());
  }

  public String file() {
    return file;
  }

  /** Location of the value at {@code path}, else of the nearest enclosing field, else 1:1. */
  public Location value(String path) {
    for (String p = path; p != null; p = parent(p)) {
      Location l = values.get(p);
      if (l != null) return l;
    }
    return Location.START;
  }

  /** Location of the key of the field at {@code path} (falls back like {@link #value}). */
  public Location key(String path) {
    Location l = keys.get(path);
    return l != null ? l : value(path);
  }

  public boolean has(String path) {
    return values.containsKey(path);
  }

  public Problem problem(String path, String message) {
    return new Problem(file, value(path), path, message);
  }

  public Problem keyProblem(String path, String message) {
    return new Problem(file, key(path), path, message);
  }

  static String parent(String path) {
    if (path.isEmpty()) return null;
    int cut = -1;
    boolean inQuotes = false;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' && inQuotes) {
        i++;
      } else if (c == '"') {
        inQuotes = !inQuotes;
      } else if (!inQuotes && (c == '.' || c == '[')) {
        cut = i;
      }
    }
    return cut <= 0 ? "" : path.substring(0, cut);
  }

  /** Collects locations while a file is read. */
  public static final class Builder {
    private final String file;
    private final Map<String, Location> values = new LinkedHashMap<>();
    private final Map<String, Location> keys = new LinkedHashMap<>();

    public Builder(String file) {
      this.file = file;
    }

    public Builder value(String path, Location l) {
      values.putIfAbsent(path, l);
      return this;
    }

    public Builder key(String path, Location l) {
      keys.putIfAbsent(path, l);
      return this;
    }

    public SourceMap build() {
      return new SourceMap(
          file,
          Collections.unmodifiableMap(new LinkedHashMap<>(values)),
          Collections.unmodifiableMap(new LinkedHashMap<>(keys)));
    }
  }
}
