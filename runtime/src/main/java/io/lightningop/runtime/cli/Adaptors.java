package io.lightningop.runtime.cli;

import io.lightningop.runtime.adaptor.AdaptorModules;

/** The adaptor loader the commands use. */
final class Adaptors {
  private Adaptors() {}

  static AdaptorModules open() {
    return io.lightningop.runtime.adaptor.NpmAdaptorModules.withDefaults();
  }
}
