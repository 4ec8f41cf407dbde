package io.lightningop.runtime.adaptor.npm;

import io.lightningop.spec.semver.Semver;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Installs a package and its dependency tree from the npm registry into an {@link AdaptorCache}.
 * Every tarball is checked against the registry's {@code dist.integrity} before it is extracted.
 * An exact version already in the cache is used without contacting the registry (offline use);
 * tags and ranges fall back to the newest cached match when the registry cannot be reached.
 */
public final class AdaptorInstaller {
  private final AdaptorCache cache;
  private final NpmRegistry registry;
  private final Consumer<String> progress;

  public AdaptorInstaller(AdaptorCache cache, NpmRegistry registry, Consumer<String> progress) {
    this.cache = cache;
    this.registry = registry;
    this.progress = progress;
  }

  public AdaptorCache cache() {
    return cache;
  }

  /** Installs (or finds) the package named by spec and everything it depends on. */
  public synchronized PackageId install(AdaptorSpecifier spec) throws IOException {
    PackageId root = resolveRoot(spec);
    ensure(root, new HashSet<>());
    return root;
  }

  /** The exact version spec stands for, using the cache alone when that is enough. */
  public synchronized PackageId resolveRoot(AdaptorSpecifier spec) throws IOException {
    Optional<Semver> exact = spec.exactVersion();
    if (exact.isPresent()) {
      PackageId id = new PackageId(spec.name(), exact.get().toString());
      if (cache.isInstalled(id)) return id;
    }
    try {
      return choose(registry.packument(spec.name()), spec.range());
    } catch (IOException e) {
      Optional<Semver> cached = cache.installedVersions(spec.name()).stream()
          .filter(v -> AdaptorSpecifier.isTag(spec.range()) || Semver.Range.parse(spec.range()).satisfiedBy(v))
          .max(Comparator.naturalOrder());
      if (cached.isEmpty()) {
        throw new IOException("cannot install " + spec + ": " + e.getMessage()
            + " (and no matching version is in the cache " + cache.root() + ")", e);
      }
      PackageId id = new PackageId(spec.name(), cached.get().toString());
      progress.accept("registry unreachable; using cached " + id + " for " + spec);
      return id;
    }
  }

  private PackageId choose(Packument packument, String range) throws IOException {
    Map<Semver, String> versions = new LinkedHashMap<>();
    packument.versions().keySet().forEach(v -> versions.put(Semver.parse(v).orElseThrow(), v));
    if (AdaptorSpecifier.isTag(range)) {
      String tagged = packument.distTags().get(range);
      if (tagged == null) throw new IOException("package " + packument.name() + " has no dist-tag '" + range + "'");
      return new PackageId(packument.name(), tagged);
    }
    Semver latest = Optional.ofNullable(packument.distTags().get("latest")).flatMap(Semver::parse).orElse(null);
    Semver best = Semver.Range.parse(range).best(versions.keySet(), latest).orElseThrow(() -> new IOException(
        "no version of " + packument.name() + " matches '" + range + "'"));
    return new PackageId(packument.name(), versions.get(best));
  }

  private void ensure(PackageId id, Set<PackageId> visited) throws IOException {
    if (!visited.add(id)) return;
    if (!cache.isInstalled(id)) download(id);
    for (PackageId dep : cache.dependencies(id).values()) ensure(dep, visited);
  }

  private void download(PackageId id) throws IOException {
    Packument packument = registry.packument(id.name());
    Packument.Release release = packument.release(id.version())
        .orElseThrow(() -> new IOException("version " + id.version() + " of " + id.name() + " does not exist"));
    if (release.tarball() == null) throw new IOException("the registry lists no tarball for " + id);
    progress.accept("  downloading " + id);
    byte[] tgz = registry.tarball(release.tarball());
    Integrity.verify(id, tgz, release.integrity(), release.shasum());
    Map<String, PackageId> deps = new LinkedHashMap<>();
    for (Map.Entry<String, String> dep : release.dependencies().entrySet()) {
      deps.put(dep.getKey(), choose(registry.packument(dep.getKey()), normalizeRange(dep.getValue(), id, dep.getKey())));
    }
    Path target = cache.packageDir(id);
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempDirectory(target.getParent(), ".install-");
    try {
      int files = Tarball.extract(tgz, tmp);
      cache.writeMarker(tmp, id, release.integrity() != null ? release.integrity() : Integrity.sha512(tgz), deps);
      deleteTree(target); // a half-written directory left by an interrupted install
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
        Files.move(tmp, target);
      }
      progress.accept(String.format("  + %s (%,d kB, %d files, integrity verified)", id, tgz.length / 1024, files));
    } finally {
      deleteTree(tmp);
    }
  }

  private static String normalizeRange(String range, PackageId from, String dep) throws IOException {
    String r = range.trim();
    if (r.startsWith("npm:") || r.contains("://") || r.startsWith("git") || r.startsWith("file:")
        || r.startsWith("workspace:") || (r.contains("/") && !r.contains(" "))) {
      throw new IOException(from + " depends on " + dep + "@" + range
          + ", which is not a registry version range; only registry dependencies are supported");
    }
    return r.isEmpty() ? "*" : r;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
