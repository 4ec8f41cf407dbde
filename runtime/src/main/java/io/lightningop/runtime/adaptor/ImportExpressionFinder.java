package io.lightningop.runtime.adaptor;

import io.lightningop.runtime.compile.CompileException;
import io.lightningop.runtime.compile.JobCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.graalvm.polyglot.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loader's seam to the job compiler's parser (acorn): the offsets of the dynamic
 * {@code import()} expressions of a CommonJS file. Parsing in GraalJS is slow when cold (seconds
 * for language-common's 34 kB build), so results are kept on disk under the file's SHA-256 (package
 * files never change) and the parser is created only when a file is not there yet.
 */
final class ImportExpressionFinder implements Function<String, int[]> {
  private static final Logger LOG = LoggerFactory.getLogger(ImportExpressionFinder.class);
  /** One parser per process: it has its own Engine, as the compiler Context's host access differs from the adaptor Contexts'. */
  private static JobCompiler parser;

  private final Path dir;

  /** @param dir where results are remembered (created on first write) */
  ImportExpressionFinder(Path dir) {
    this.dir = dir;
  }

  /** @throws IllegalArgumentException with acorn's message (it ends in "(line:column)") when the script does not parse */
  @Override
  public int[] apply(String script) {
    Path file = dir.resolve(sha256(script) + ".txt");
    try {
      if (Files.isRegularFile(file)) {
        String text = Files.readString(file).strip();
        return text.isEmpty() ? new int[0] : Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
      }
    } catch (IOException | NumberFormatException e) {
      LOG.debug("ignoring unreadable {}: {}", file, e.toString());
    }
    int[] offsets;
    try {
      offsets = parser().importExpressions(script);
    } catch (CompileException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    remember(file, offsets);
    return offsets;
  }

  private static void remember(Path file, int[] offsets) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".offsets-", ".tmp");
      Files.writeString(tmp, Arrays.stream(offsets).mapToObj(Integer::toString).collect(Collectors.joining(",")));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) { // a read-only cache only costs a parse per process
      LOG.debug("cannot remember import() offsets in {}: {}", file, e.toString());
    }
  }

  private static synchronized JobCompiler parser() {
    if (parser == null) {
      parser = new JobCompiler(Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build());
    }
    return parser;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
