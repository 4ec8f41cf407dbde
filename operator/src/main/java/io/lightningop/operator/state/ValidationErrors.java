package io.lightningop.operator.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lightning's nested error map (spec §3.6): {@code field → [messages]}, with nested records keyed
 * by a human label, e.g. {@code workflows → "My Workflow" → jobs → "Fetch" → body → [...]}.
 */
public final class ValidationErrors {
  private final Map<String, Object> root = new LinkedHashMap<>();

  /** Adds {@code message} under {@code path}; the last element of the path is the field. */
  @SuppressWarnings("unchecked")
  public ValidationErrors add(List<String> path, String message) {
    Map<String, Object> node = root;
    for (int i = 0; i < path.size() - 1; i++) {
      Object child = node.get(path.get(i));
      if (!(child instanceof Map)) {
        child = new LinkedHashMap<String, Object>();
        node.put(path.get(i), child);
      }
      node = (Map<String, Object>) child;
    }
    List<String> messages = (List<String>) node.computeIfAbsent(path.getLast(), k -> new ArrayList<String>());
    if (!messages.contains(message)) messages.add(message);
    return this;
  }

  public boolean isEmpty() {
    return root.isEmpty();
  }

  public Map<String, Object> toMap() {
    return root;
  }

  /** One line per error, {@code path.to.field: message}, for logs and the CLI. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    collect("", root, out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void collect(String prefix, Map<String, Object> node, List<String> out) {
    node.forEach((k, v) -> {
      String path = prefix.isEmpty() ? k : prefix + "." + k;
      if (v instanceof Map) collect(path, (Map<String, Object>) v, out);
      else ((List<String>) v).forEach(m -> out.add(path + ": " + m));
    });
  }

  @Override
  public String toString() {
    return String.join("; ", lines());
  }
}
