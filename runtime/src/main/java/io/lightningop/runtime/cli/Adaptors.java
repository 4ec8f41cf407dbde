package io.lightningop.runtime.cli;

import io.lightningop.runtime.adaptor.AdaptorModules;

/** The adaptor loader the commands use. */
final class Adaptors {
  private Adaptors() {}

  static AdaptorModules open() {
    return null; // replaced by the npm adaptor loader when it lands on main
  }
}
