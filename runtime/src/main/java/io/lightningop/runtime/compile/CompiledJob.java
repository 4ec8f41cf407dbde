package io.lightningop.runtime.compile;

import java.util.List;
import java.util.Map;

/**
 * A job compiled to an ES module whose default export is the operations array.
 *
 * @param code the module source (imports adaptors by their bare names, e.g. {@code @openfn/language-common})
 * @param operations one entry per top-level operation, in order (for attributing adaptor errors)
 * @param imports adaptor name → the names imported from it
 * @param topLevelNames names the job declares at module level (the executor must not shadow them)
 */
public record CompiledJob(String code, List<Operation> operations, Map<String, List<String>> imports,
                          List<String> topLevelNames) {
  public CompiledJob {
    operations = List.copyOf(operations);
    imports = Map.copyOf(imports);
    topLevelNames = List.copyOf(topLevelNames);
  }

  /** A top-level call moved into the operations array; {@code name} is null for member calls. */
  public record Operation(String name, int line, int order) {}
}
