package io.lightningop.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lightningop.spec.state.ProjectState;
import io.lightningop.spec.state.StateMerge;
import io.lightningop.spec.validate.Problem;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Property: whatever is done to a valid project file, the loader returns a project or located
 * problems, never an exception; and a project it calls valid can be merged into a state.
 */
class RandomMutationTest {
  private static final int ROUNDS = 300;
  private static final String[] GARBAGE = {
    "\t", ":", ": ", "- ", "{", "}", "[", "]", "'", "\"", "&a ", "*a", "!!int ", "#", "\n", "  ",
    "? ", "|", ">", "%", "@", "`", "\u0000", "\uFEFF", "null", "~", "0x1F", "---\n", "...\n", "<<: *a\n"
  };

  @Test
  void structuralMutationsYieldAProjectOrProblems() throws Exception {
    String original = Files.readString(Examples.OPENHIE_YAML);
    long seed = Long.getLong("mutation.seed", 20261122L);
    Random random = new Random(seed);
    Yaml yaml = new Yaml(dumperOptions());
    int valid = 0;
    long start = System.nanoTime();
    for (int i = 0; i < ROUNDS; i++) {
      Object tree = yaml.load(original);
      int mutations = 1 + random.nextInt(3);
      for (int m = 0; m < mutations; m++) mutate(tree, random);
      String text = yaml.dump(tree);
      if (check(text, seed, i)) valid++;
    }
    System.out.printf("structural mutations: %d rounds, %d still valid (seed %d), %.2f ms per round%n",
        ROUNDS, valid, seed, (System.nanoTime() - start) / 1e6 / ROUNDS);
  }

  @Test
  void textMutationsYieldAProjectOrProblems() throws Exception {
    String original = Files.readString(Examples.OPENHIE_YAML);
    long seed = Long.getLong("mutation.seed", 42L);
    Random random = new Random(seed);
    long start = System.nanoTime();
    for (int i = 0; i < ROUNDS; i++) {
      StringBuilder text = new StringBuilder(original);
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(text.length() + 1);
        switch (random.nextInt(3)) {
          case 0 -> text.insert(at, GARBAGE[random.nextInt(GARBAGE.length)]);
          case 1 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(12)));
          default -> {
            int end = Math.min(text.length(), at + random.nextInt(40));
            String piece = text.substring(at, end);
            text.insert(random.nextInt(text.length() + 1), piece);
          }
        }
      }
      check(text.toString(), seed, i);
    }
    System.out.printf("text mutations: %d rounds (seed %d), %.2f ms per round%n",
        ROUNDS, seed, (System.nanoTime() - start) / 1e6 / ROUNDS);
  }

  /** Loads the text; returns whether it was valid. */
  private static boolean check(String text, long seed, int round) {
    LoadedProject loaded;
    try {
      loaded = ProjectLoader.parse(text, "project.yaml", Examples.OPENHIE);
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError("round " + round + " (seed " + seed + ") threw on:\n" + text, e);
    }
    assertNotNull(loaded);
    for (Problem p : loaded.problems()) {
      assertTrue(p.location().line() >= 1 && p.location().column() >= 1, p.toString());
      assertFalse(p.message() == null || p.message().isBlank(), p.toString());
    }
    if (!loaded.valid()) {
      assertFalse(loaded.problems().isEmpty(), "invalid without a problem:\n" + text);
      return false;
    }
    try {
      StateMerge.merge(ProjectState.empty(), loaded.project());
    } catch (RuntimeException e) {
      fail("round " + round + " (seed " + seed + "): valid project failed to merge: " + e + "\n" + text);
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static void mutate(Object tree, Random random) {
    // pick a random map or list node along a random path, then change one entry
    List<Object> containers = new ArrayList<>();
    collect(tree, containers);
    Object target = containers.get(random.nextInt(containers.size()));
    if (target instanceof Map<?, ?> raw) {
      Map<Object, Object> map = (Map<Object, Object>) raw;
      if (map.isEmpty()) {
        map.put(randomKey(random), randomValue(random));
        return;
      }
      List<Object> keys = new ArrayList<>(map.keySet());
      Object key = keys.get(random.nextInt(keys.size()));
      switch (random.nextInt(5)) {
        case 0 -> map.remove(key);                                   // drop a field
        case 1 -> {                                                  // rename a field
          Object value = map.remove(key);
          map.put(randomKey(random), value);
        }
        case 2, 3 -> map.put(key, randomValue(random));             // retype a field
        default -> map.put(randomKey(random), randomValue(random)); // inject a field
      }
    } else if (target instanceof List<?> raw) {
      List<Object> list = (List<Object>) raw;
      if (list.isEmpty() || random.nextBoolean()) list.add(randomValue(random));
      else list.set(random.nextInt(list.size()), randomValue(random));
    }
  }

  private static void collect(Object node, List<Object> out) {
    if (node instanceof Map<?, ?> m) {
      out.add(m);
      m.values().forEach(v -> collect(v, out));
    } else if (node instanceof List<?> l) {
      out.add(l);
      l.forEach(v -> collect(v, out));
    }
  }

  private static Object randomKey(Random random) {
    String[] keys = {"name", "body", "type", "source_job", "target_job", "source_trigger", "credential",
        "adaptor", "cron_expression", "jobs", "edges", "triggers", "path", "enabled", "x y", "a->b", "123"};
    return random.nextInt(10) == 0 ? random.nextInt(100) : keys[random.nextInt(keys.length)];
  }

  private static Object randomValue(Random random) {
    return switch (random.nextInt(11)) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> random.nextInt();
      case 3 -> random.nextDouble();
      case 4 -> new ArrayList<>(List.of("a", 1, new ArrayList<>()));
      case 5 -> new LinkedHashMap<>(Map.of("path", "../../etc/passwd"));
      case 6 -> new LinkedHashMap<>(Map.of("path", "./jobs/notify-failure.js"));
      case 7 -> "webhook";
      case 8 -> "0 0 * * *";
      case 9 -> "Notify-CHW-upload-failed";
      default -> "@openfn/language-http@" + random.nextInt(9);
    };
  }

  private static DumperOptions dumperOptions() {
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return o;
  }
}
