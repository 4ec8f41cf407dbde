package io.lightningop.runtime.adaptor.npm;

import io.lightningop.spec.semver.Semver;

/** One exact package version, written {@code name@version} (the scope's {@code @} kept). */
public record PackageId(String name, String version) {

  public PackageId {
    if (!NpmNames.isValid(name)) throw new IllegalArgumentException("invalid npm package name '" + name + "'");
    if (Semver.parse(version).isEmpty()) {
      throw new IllegalArgumentException("invalid version '" + version + "' for " + name);
    }
  }

  /** Parses {@code name@version} as written in the cache and in dependency files. */
  public static PackageId parse(String text) {
    int at = text.lastIndexOf('@');
    if (at <= 0) throw new IllegalArgumentException("expected name@version, got '" + text + "'");
    return new PackageId(text.substring(0, at), text.substring(at + 1));
  }

  @Override
  public String toString() {
    return name + "@" + version;
  }
}
