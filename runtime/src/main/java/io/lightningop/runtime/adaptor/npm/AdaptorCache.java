package io.lightningop.runtime.adaptor.npm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightningop.spec.semver.Semver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The on-disk store of installed packages: {@code <root>/packages/<name>@<version>/} holds the
 * extracted tarball, and {@code .lightning.json} in it (written last, so its presence means the
 * package is complete) records the verified integrity and the exact version chosen for each
 * dependency. Packages never change once installed, so dependency resolution is fixed per package.
 */
public final class AdaptorCache {
  static final String MARKER = ".lightning.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;

  public AdaptorCache(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** {@code $LIGHTNING_HOME/adaptors} when set, else {@code ~/.cache/lightning/adaptors}. */
  public static Path defaultRoot() {
    String home = System.getenv("LIGHTNING_HOME");
    if (home != null && !home.isBlank()) return Paths.get(home, "adaptors");
    return Paths.get(System.getProperty("user.home"), ".cache", "lightning", "adaptors");
  }

  public Path root() {
    return root;
  }

  public Path packagesDir() {
    return root.resolve("packages");
  }

  public Path packageDir(PackageId id) {
    return packagesDir().resolve(id.toString());
  }

  public boolean isInstalled(PackageId id) {
    return Files.isRegularFile(packageDir(id).resolve(MARKER));
  }

  /** The exact dependency versions recorded when the package was installed. */
  public Map<String, PackageId> dependencies(PackageId id) {
    JsonNode deps = readMarker(id).path("dependencies");
    Map<String, PackageId> out = new LinkedHashMap<>();
    deps.fields().forEachRemaining(e -> out.put(e.getKey(), PackageId.parse(e.getValue().asText())));
    return out;
  }

  /** Installed versions of a package, any order. */
  public List<Semver> installedVersions(String name) {
    Path dir = name.startsWith("@") ? packagesDir().resolve(name.substring(0, name.indexOf('/'))) : packagesDir();
    String prefix = (name.startsWith("@") ? name.substring(name.indexOf('/') + 1) : name) + "@";
    List<Semver> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) return out;
    try (Stream<Path> list = Files.list(dir)) {
      list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix))
          .map(n -> n.substring(prefix.length())).map(Semver::parse).flatMap(Optional::stream)
          .filter(v -> isInstalled(new PackageId(name, v.toString()))).forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  void writeMarker(Path dir, PackageId id, String integrity, Map<String, PackageId> deps) throws IOException {
    ObjectNode marker = JSON.createObjectNode();
    marker.put("id", id.toString());
    marker.put("integrity", integrity);
    ObjectNode d = marker.putObject("dependencies");
    deps.forEach((k, v) -> d.put(k, v.toString()));
    Files.write(dir.resolve(MARKER), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(marker));
  }

  private JsonNode readMarker(PackageId id) {
    try {
      return JSON.readTree(packageDir(id).resolve(MARKER).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + packageDir(id).resolve(MARKER), e);
    }
  }
}
