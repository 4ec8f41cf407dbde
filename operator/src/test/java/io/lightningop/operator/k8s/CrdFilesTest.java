package io.lightningop.operator.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRDs committed under {@code crds/} must be exactly what crd-generator-maven-plugin produced
 * from the Java types in this build. Run with {@code -Dlightning.crds.update=true} to refresh them.
 */
class CrdFilesTest {
  static final Path GENERATED = Path.of("target/classes/META-INF/fabric8");
  static final Path COMMITTED = Path.of("../crds");

  @Test
  void committedCrdsEqualTheGeneratedOnes() throws IOException {
    List<Path> generated = crdFiles(GENERATED);
    assertFalse(generated.isEmpty(), "crd-generator-maven-plugin produced nothing under " + GENERATED);
    if (Boolean.getBoolean("lightning.crds.update")) {
      Files.createDirectories(COMMITTED);
      for (Path g : generated) {
        Files.copy(g, COMMITTED.resolve(g.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    String hint = " — regenerate with: ./mvnw -pl operator -am verify -Dtest=CrdFilesTest "
        + "-Dsurefire.failIfNoSpecifiedTests=false -Dlightning.crds.update=true";
    assertEquals(names(generated), names(crdFiles(COMMITTED)), "crds/ holds other files than the generator makes" + hint);
    List<String> stale = new ArrayList<>();
    for (Path g : generated) {
      if (!Files.readString(g).equals(Files.readString(COMMITTED.resolve(g.getFileName())))) {
        stale.add(g.getFileName().toString());
      }
    }
    assertTrue(stale.isEmpty(), "stale CRDs in crds/: " + stale + hint);
  }

  static List<Path> crdFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith("-v1.yml")).sorted().toList();
    }
  }

  private static TreeSet<String> names(List<Path> files) {
    TreeSet<String> names = new TreeSet<>();
    files.forEach(f -> names.add(f.getFileName().toString()));
    return names;
  }
}
