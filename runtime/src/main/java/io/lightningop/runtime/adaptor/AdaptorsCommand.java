package io.lightningop.runtime.adaptor;

import io.lightningop.runtime.adaptor.npm.AdaptorCache;
import io.lightningop.runtime.adaptor.npm.AdaptorInstaller;
import io.lightningop.runtime.adaptor.npm.AdaptorSpecifier;
import io.lightningop.runtime.adaptor.npm.NpmRegistry;
import io.lightningop.runtime.adaptor.npm.PackageId;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lightning adaptors install|list}: fills and shows the local adaptor cache, so workers can
 * run jobs offline (worker images ship a pre-filled cache).
 */
@Command(name = "adaptors", mixinStandardHelpOptions = true,
    description = "Install OpenFn adaptor packages from npm into the local cache, or list the cache.",
    subcommands = {AdaptorsCommand.Install.class, AdaptorsCommand.ListCached.class})
public final class AdaptorsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** Options both subcommands share. */
  static class CacheOptions {
    @Option(names = "--cache", description = "Adaptor cache directory. Default: $LIGHTNING_HOME/adaptors or ~/.cache/lightning/adaptors")
    Path cache;

    AdaptorCache cache() {
      return new AdaptorCache(cache != null ? cache : AdaptorCache.defaultRoot());
    }
  }

  @Command(name = "install", mixinStandardHelpOptions = true,
      description = "Download packages and their dependencies, verify each tarball's integrity hash, and cache them.")
  static final class Install implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PACKAGE",
        description = "e.g. @openfn/language-http@7.2.10, @openfn/language-common (= latest)")
    List<String> packages;

    @picocli.CommandLine.Mixin CacheOptionsMixin options;

    @Option(names = "--registry", defaultValue = "https://registry.npmjs.org/", description = "npm registry. Default: ${DEFAULT-VALUE}")
    URI registry;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      List<AdaptorSpecifier> specs = new ArrayList<>();
      for (String p : packages) {
        try {
          specs.add(AdaptorSpecifier.parse(p));
        } catch (IllegalArgumentException e) {
          err.println("error: " + e.getMessage());
          return 2;
        }
      }
      AdaptorCache cache = options.cache();
      AdaptorInstaller installer = new AdaptorInstaller(cache, new NpmRegistry(registry, Duration.ofSeconds(60)), line -> {
        out.println(line);
        out.flush();
      });
      NpmAdaptorModules modules = new NpmAdaptorModules(installer, false);
      int failed = 0;
      for (AdaptorSpecifier s : specs) {
        out.println("installing " + s);
        out.flush();
        long start = System.nanoTime();
        try {
          PackageId id = installer.install(s);
          out.printf("installed %s in %d ms (cache %s)%n", id, (System.nanoTime() - start) / 1_000_000, cache.root());
          loadOnce(modules, id, out, err);
        } catch (IOException | SecurityException | IllegalArgumentException e) {
          err.println("error: " + e.getMessage());
          failed++;
        }
      }
      return failed == 0 ? 0 : 1;
    }

    /**
     * Loads the package in a scratch Context, so what the loader learns from its files (the offsets
     * of their import() expressions) is in the cache too, and a worker with a read-only pre-filled
     * cache never parses them. A package that does not load is reported, not uninstalled.
     */
    private static void loadOnce(NpmAdaptorModules modules, PackageId id, PrintWriter out, PrintWriter err) {
      long start = System.nanoTime();
      try {
        modules.entryFor(id.toString());
        int exports = modules.probe(modules.resolver().entryOf(id)).size();
        out.printf("loaded %s in %d ms (%d exports)%n", id, (System.nanoTime() - start) / 1_000_000, exports);
      } catch (AdaptorModules.AdaptorException | RuntimeException e) {
        err.println("warning: " + id + " does not load in the Lightning runtime: " + e.getMessage());
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the packages in the cache.")
  static final class ListCached implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin CacheOptionsMixin options;

    @Override
    public Integer call() throws IOException {
      AdaptorCache cache = options.cache();
      PrintWriter out = spec.commandLine().getOut();
      Path dir = cache.packagesDir();
      if (!Files.isDirectory(dir)) {
        out.println("no packages in " + cache.root());
        return 0;
      }
      try (Stream<Path> walk = Files.walk(dir, 2)) {
        walk.filter(p -> Files.isRegularFile(p.resolve(".lightning.json")))
            .map(p -> dir.relativize(p).toString()).sorted().forEach(out::println);
      }
      return 0;
    }
  }

  /** picocli mixin carrying {@link CacheOptions}. */
  static final class CacheOptionsMixin extends CacheOptions {}
}
