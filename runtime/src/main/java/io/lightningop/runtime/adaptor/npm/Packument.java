package io.lightningop.runtime.adaptor.npm;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightningop.spec.semver.Semver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The registry's metadata for one package: its dist-tags and, per version, what installing it needs. */
public record Packument(String name, Map<String, String> distTags, Map<String, Release> versions) {

  public Packument {
    distTags = Map.copyOf(distTags);
    versions = Map.copyOf(versions);
  }

  /** One published version: dependencies (peers that are not optional included) and its tarball. */
  public record Release(PackageId id, Map<String, String> dependencies, String tarball, String integrity,
      String shasum) {
    public Release {
      dependencies = Map.copyOf(dependencies);
    }
  }

  static Packument fromJson(String name, JsonNode json) {
    Map<String, String> tags = new LinkedHashMap<>();
    json.path("dist-tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
    Map<String, Release> versions = new LinkedHashMap<>();
    json.path("versions").fields().forEachRemaining(e -> {
      if (Semver.parse(e.getKey()).isEmpty()) return;
      JsonNode v = e.getValue();
      Map<String, String> deps = new LinkedHashMap<>();
      JsonNode peersMeta = v.path("peerDependenciesMeta");
      v.path("peerDependencies").fields().forEachRemaining(p -> {
        if (!peersMeta.path(p.getKey()).path("optional").asBoolean(false)) deps.put(p.getKey(), p.getValue().asText());
      });
      // Regular dependencies win over a peer declaration of the same name.
      v.path("dependencies").fields().forEachRemaining(d -> deps.put(d.getKey(), d.getValue().asText()));
      JsonNode dist = v.path("dist");
      versions.put(e.getKey(), new Release(new PackageId(name, e.getKey()), deps, dist.path("tarball").asText(null),
          dist.path("integrity").asText(null), dist.path("shasum").asText(null)));
    });
    return new Packument(name, tags, versions);
  }

  public Optional<Release> release(String version) {
    return Optional.ofNullable(versions.get(version));
  }
}
