package io.lightningop.runtime.compile;

import java.util.List;

/** An adaptor as the compiler sees it: its bare name and the names it exports. */
public record AdaptorExports(String name, List<String> exports) {
  public AdaptorExports {
    exports = List.copyOf(exports);
  }
}
