package io.lightningop.runtime.adaptor.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightningop.runtime.adaptor.npm.AdaptorCache;
import io.lightningop.runtime.adaptor.npm.PackageId;
import io.lightningop.spec.semver.Semver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Node's {@code require()} resolution over the adaptor cache, in virtual paths:
 * {@code /adaptors/<name>@<version>/<file>} for package files (so adaptor frames stay recognisable
 * in stack traces) and {@code /adaptors/.node/<module>.js} for the compatibility modules that stand
 * in for Node built-ins. Bare specifiers resolve through the exact dependency versions recorded at
 * install time (instead of walking node_modules directories), then through package.json
 * {@code exports} (conditions require, node, default), {@code main}, extensions and index files.
 * Results are memoized: packages never change once installed.
 */
public final class ModuleResolver {
  public static final String ROOT = "/adaptors/";
  public static final String NODE = ROOT + ".node/";
  /** Built-ins the compatibility layer provides; other Node built-ins fail when required. */
  static final Set<String> SHIMS = Set.of("buffer", "events", "stream", "path", "querystring", "crypto", "util",
      "vm", "url", "string_decoder", "timers", "process");
  private static final Set<String> BUILTINS = Set.of("assert", "async_hooks", "buffer", "child_process", "cluster",
      "console", "constants", "crypto", "dgram", "diagnostics_channel", "dns", "domain", "events", "fs", "http",
      "http2", "https", "inspector", "module", "net", "os", "path", "perf_hooks", "process", "punycode",
      "querystring", "readline", "repl", "stream", "string_decoder", "sys", "timers", "tls", "trace_events", "tty",
      "url", "util", "v8", "vm", "wasi", "worker_threads", "zlib");
  /** npm packages replaced by a compatibility module (undici's sockets become the Java HTTP bridge). */
  private static final Map<String, String> REPLACED = Map.of("undici", NODE + "undici.js");
  private static final List<String> CONDITIONS = List.of("require", "node", "default");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AdaptorCache cache;
  private final Map<String, String> memo = new ConcurrentHashMap<>();
  private final Map<PackageId, Optional<JsonNode>> manifests = new ConcurrentHashMap<>();
  private final Map<PackageId, Map<String, PackageId>> dependencies = new ConcurrentHashMap<>();

  public ModuleResolver(AdaptorCache cache) {
    this.cache = cache;
  }

  /** The virtual path of a package's root directory, e.g. {@code /adaptors/lodash@4.17.21}. */
  public static String packageRoot(PackageId id) {
    return ROOT + id;
  }

  /** Where a virtual package path lives on disk; empty for compatibility modules and foreign paths. */
  public Optional<Path> realPath(String virtualPath) {
    return packageOf(virtualPath).map(id -> {
      String rest = virtualPath.substring(packageRoot(id).length());
      Path dir = cache.packageDir(id);
      Path p = rest.isEmpty() ? dir : dir.resolve(rest.substring(1)).normalize();
      return p.startsWith(dir) ? p : null;
    });
  }

  /** The package a virtual path belongs to. */
  public static Optional<PackageId> packageOf(String virtualPath) {
    if (!virtualPath.startsWith(ROOT) || virtualPath.startsWith(NODE)) return Optional.empty();
    String[] parts = virtualPath.substring(ROOT.length()).split("/");
    String spec = parts[0].startsWith("@") && parts.length > 1 ? parts[0] + "/" + parts[1] : parts[0];
    try {
      return Optional.of(PackageId.parse(spec));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The main CommonJS entry of a package ({@code require('<name>')} from outside). */
  public String entryOf(PackageId id) {
    return resolvePackage(id, ".", packageRoot(id) + "/package.json");
  }

  /**
   * Resolves {@code request} as {@code require} called from the module at {@code from} would.
   *
   * @return a virtual path, {@code lightning:host} (compatibility modules only) or
   *     {@code missing:<name>} for a Node built-in the runtime does not provide
   * @throws ModuleNotFoundException naming the request and the requiring file
   */
  public String resolve(String from, String request) {
    String key = from + "\0" + request;
    String hit = memo.get(key);
    if (hit != null) return hit;
    String resolved = doResolve(from, request);
    memo.put(key, resolved);
    return resolved;
  }

  private String doResolve(String from, String request) {
    if (request.equals("lightning:host") && from.startsWith(NODE)) return request;
    String bare = request.startsWith("node:") ? request.substring(5) : request;
    String builtin = bare.contains("/") ? bare.substring(0, bare.indexOf('/')) : bare;
    if (request.startsWith("node:") || (BUILTINS.contains(builtin) && !bare.endsWith("/"))) {
      String name = switch (bare) {
        case "path/posix" -> "path";
        case "util/types" -> "util";
        case "timers/promises" -> "timers";
        case "sys" -> "util";
        default -> bare;
      };
      return SHIMS.contains(name) ? NODE + name + ".js" : "missing:" + bare;
    }
    if (REPLACED.containsKey(request)) return REPLACED.get(request);
    if (request.startsWith("./") || request.startsWith("../") || request.equals(".") || request.equals("..")
        || request.startsWith("/")) {
      String base = request.startsWith("/") ? request : dirname(from) + "/" + request;
      String target = normalize(base);
      if (from.startsWith(NODE) && target.startsWith(NODE)) return target.endsWith(".js") ? target : target + ".js";
      return loadFileOrDirectory(target).orElseThrow(() -> notFound(request, from));
    }
    String name = packageName(request).orElseThrow(() -> notFound(request, from));
    String subpath = "." + request.substring(name.length());
    PackageId pkg = findPackage(from, name).orElseThrow(() -> notFound(request, from));
    return resolvePackage(pkg, subpath, from);
  }

  private String resolvePackage(PackageId pkg, String subpath, String from) {
    String root = packageRoot(pkg);
    JsonNode manifest = manifest(pkg).orElse(null);
    JsonNode exports = manifest == null ? null : manifest.get("exports");
    if (exports != null && !exports.isNull()) {
      String target = resolveExports(exports, subpath)
          .orElseThrow(() -> new ModuleNotFoundException("Package subpath '" + subpath + "' is not defined by \"exports\" in "
              + pkg + " (required from " + from + ")"));
      String path = normalize(root + "/" + target.substring(2));
      if (!exists(path)) throw notFound(pkg.name() + subpath.substring(1), from);
      return path;
    }
    String target = root + (subpath.equals(".") ? "" : subpath.substring(1));
    return loadFileOrDirectory(normalize(target)).orElseThrow(() -> notFound(pkg.name() + subpath.substring(1), from));
  }

  private Optional<String> resolveExports(JsonNode exports, String subpath) {
    boolean conditionsOnly = exports.isTextual() || exports.isArray()
        || (exports.isObject() && !exports.fieldNames().hasNext())
        || (exports.isObject() && !exports.fieldNames().next().startsWith("."));
    if (conditionsOnly) return subpath.equals(".") ? target(exports, null) : Optional.empty();
    JsonNode exact = exports.get(subpath);
    if (exact != null) return target(exact, null);
    String bestKey = null;
    String bestMatch = null;
    for (Iterator<String> it = exports.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      int star = key.indexOf('*');
      if (star >= 0) {
        String prefix = key.substring(0, star), suffix = key.substring(star + 1);
        if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length() >= key.length() - 1
            && (bestKey == null || prefix.length() > bestKey.indexOf('*'))) {
          bestKey = key;
          bestMatch = subpath.substring(prefix.length(), subpath.length() - suffix.length());
        }
      } else if (key.endsWith("/") && subpath.startsWith(key) && (bestKey == null || key.length() > bestKey.length())) {
        bestKey = key;
        bestMatch = subpath.substring(key.length());
      }
    }
    if (bestKey == null) return Optional.empty();
    String match = bestMatch;
    boolean folder = bestKey.indexOf('*') < 0;
    return target(exports.get(bestKey), match).map(t -> folder ? t + match : t);
  }

  private Optional<String> target(JsonNode target, String patternMatch) {
    if (target == null || target.isNull()) return Optional.empty();
    if (target.isTextual()) {
      String t = target.asText();
      if (!t.startsWith("./")) return Optional.empty();
      return Optional.of(patternMatch != null && t.contains("*") ? t.replace("*", patternMatch) : t);
    }
    if (target.isArray()) {
      for (JsonNode alternative : target) {
        Optional<String> r = target(alternative, patternMatch);
        if (r.isPresent()) return r;
      }
      return Optional.empty();
    }
    if (target.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = target.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (CONDITIONS.contains(e.getKey())) {
          Optional<String> r = target(e.getValue(), patternMatch);
          if (r.isPresent()) return r;
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> loadFileOrDirectory(String path) {
    for (String candidate : List.of(path, path + ".js", path + ".json", path + ".cjs")) {
      if (isFile(candidate)) return Optional.of(candidate);
    }
    Optional<Path> dir = realPath(path);
    if (dir.isPresent() && Files.isDirectory(dir.get())) {
      Path pj = dir.get().resolve("package.json");
      if (Files.isRegularFile(pj)) {
        String main = readJson(pj).map(j -> j.path("main").asText("")).orElse("");
        if (!main.isEmpty()) {
          String m = normalize(path + "/" + main);
          for (String candidate : List.of(m, m + ".js", m + ".json", m + "/index.js", m + "/index.json")) {
            if (isFile(candidate)) return Optional.of(candidate);
          }
        }
      }
      for (String candidate : List.of(path + "/index.js", path + "/index.json")) {
        if (isFile(candidate)) return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private Optional<PackageId> findPackage(String from, String name) {
    Optional<PackageId> owner = packageOf(from);
    if (owner.isPresent()) {
      if (owner.get().name().equals(name)) return owner;
      PackageId dep = dependencies.computeIfAbsent(owner.get(), cache::dependencies).get(name);
      if (dep != null) return Optional.of(dep);
    }
    // Undeclared dependency (Node would find a hoisted copy): the newest installed version.
    return cache.installedVersions(name).stream().max(Comparator.naturalOrder())
        .map(Semver::toString).map(v -> new PackageId(name, v));
  }

  /**
   * Whether the package holding {@code virtualPath} declares {@code "sideEffects": false}: evaluating
   * any of its modules only defines exports, so a module nobody uses need not be evaluated (the
   * promise bundlers rely on to drop such modules). A list of files with side effects counts as no.
   */
  public boolean sideEffectFree(String virtualPath) {
    return packageOf(virtualPath).flatMap(this::manifest)
        .map(m -> m.path("sideEffects").isBoolean() && !m.path("sideEffects").asBoolean())
        .orElse(false);
  }

  private Optional<JsonNode> manifest(PackageId id) {
    return manifests.computeIfAbsent(id, k -> readJson(cache.packageDir(k).resolve("package.json")));
  }

  private static Optional<JsonNode> readJson(Path file) {
    try {
      return Files.isRegularFile(file) ? Optional.of(JSON.readTree(file.toFile())) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("invalid JSON in " + file, e);
    }
  }

  private boolean isFile(String virtualPath) {
    return realPath(virtualPath).map(Files::isRegularFile).orElse(false);
  }

  private boolean exists(String virtualPath) {
    return realPath(virtualPath).map(Files::exists).orElse(false);
  }

  static Optional<String> packageName(String request) {
    String[] parts = request.split("/");
    if (request.startsWith("@")) {
      return parts.length >= 2 && !parts[1].isEmpty() ? Optional.of(parts[0] + "/" + parts[1]) : Optional.empty();
    }
    return parts[0].isEmpty() ? Optional.empty() : Optional.of(parts[0]);
  }

  static String dirname(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  static String normalize(String path) {
    java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) continue;
      if (part.equals("..")) {
        if (!out.isEmpty()) out.removeLast();
      } else {
        out.addLast(part);
      }
    }
    return "/" + String.join("/", out);
  }

  private static ModuleNotFoundException notFound(String request, String from) {
    return new ModuleNotFoundException("Cannot find module '" + request + "' required from " + from);
  }

  /** A {@code require} that cannot be satisfied; surfaces in JS as an Error with code MODULE_NOT_FOUND. */
  public static final class ModuleNotFoundException extends RuntimeException {
    public ModuleNotFoundException(String message) {
      super(message);
    }
  }
}
