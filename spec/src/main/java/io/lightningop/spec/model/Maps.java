package io.lightningop.spec.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Immutable copies that keep insertion order (file order matters for state output). */
public final class Maps {
  private Maps() {}

  public static <K, V> Map<K, V> copy(Map<K, V> map) {
    if (map == null || map.isEmpty()) return Map.of();
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  public static <T> List<T> copy(List<T> list) {
    return list == null ? null : List.copyOf(list);
  }
}
