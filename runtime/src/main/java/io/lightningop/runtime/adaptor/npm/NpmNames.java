package io.lightningop.runtime.adaptor.npm;

import java.util.regex.Pattern;

/** npm package-name rules that matter for safety: names become directory names in the cache. */
final class NpmNames {
  private static final Pattern NAME =
      Pattern.compile("^(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$", Pattern.CASE_INSENSITIVE);

  private NpmNames() {}

  static boolean isValid(String name) {
    return name != null && name.length() <= 214 && NAME.matcher(name).matches();
  }
}
