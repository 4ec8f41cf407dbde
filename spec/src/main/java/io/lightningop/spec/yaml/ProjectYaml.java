package io.lightningop.spec.yaml;

import io.lightningop.spec.LoadedProject;
import io.lightningop.spec.model.Project;
import io.lightningop.spec.validate.Location;
import io.lightningop.spec.validate.Problem;
import io.lightningop.spec.validate.ProjectValidator;
import io.lightningop.spec.validate.SourceMap;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Parse → model → validation, for one YAML text. */
public final class ProjectYaml {
  private static final int MAX_ALIASES = 50;

  private ProjectYaml() {}

  public static LoadedProject unreadable(String file, String message) {
    return new LoadedProject(null, List.of(new Problem(file, Location.START, "", message)),
        SourceMap.empty(file));
  }

  public static LoadedProject parse(String text, String file, Path baseDir) {
    YamlContext ctx = new YamlContext(file, baseDir == null ? Path.of("") : baseDir);
    Node root;
    try {
      root = compose(text);
    } catch (MarkedYAMLException e) {
      syntaxProblems(ctx, text, e);
      return done(ctx, null);
    } catch (YAMLException | StackOverflowError e) {
      ctx.problem(Location.START, "", "invalid YAML: " + e.getMessage());
      return done(ctx, null);
    }
    if (root == null) {
      ctx.problem(Location.START, "", "the file is empty; expected a project (name:, workflows:, ...)");
      return done(ctx, null);
    }
    if (!(root instanceof MappingNode map)) {
      ctx.problem(root, "", "expected a map at the top level (name:, workflows:, ...), found "
          + YamlMap.kind(root));
      return done(ctx, null);
    }
    Project project = new ProjectYamlReader(ctx).read(map);
    SourceMap sources = ctx.sources.build();
    List<Problem> problems = new ArrayList<>(ctx.problems);
    problems.addAll(new ProjectValidator(project, sources).validate());
    return new LoadedProject(project, sorted(problems), sources);
  }

  private static Node compose(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(100);
    return new Yaml(options).compose(new StringReader(text));
  }

  /**
   * YAML forbids tabs for indentation; SnakeYAML then stops at the first one with a terse
   * message. Report every tab-indented line instead, or the parser's own error when tabs are not
   * the cause.
   */
  private static void syntaxProblems(YamlContext ctx, String text, MarkedYAMLException e) {
    String message = e.getProblem() != null ? e.getProblem() : String.valueOf(e.getMessage());
    boolean tabCaused = message.contains("\t") || message.contains("TAB");
    if (tabCaused && reportTabIndentedLines(ctx, text)) return;
    Location where = YamlContext.at(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark());
    String context = "";
    if (e.getContext() != null) {
      Location started = YamlContext.at(e.getContextMark());
      context = " (" + e.getContext() + (started.equals(where) ? "" : " at " + started) + ")";
    }
    ctx.problem(where, "", "invalid YAML: " + message.replace("\t", "\\t") + context);
  }

  private static boolean reportTabIndentedLines(YamlContext ctx, String text) {
    String[] lines = text.split("\r\n|\r|\n", -1);
    boolean found = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) continue;
      for (int c = 0; c < line.length() && (line.charAt(c) == ' ' || line.charAt(c) == '\t'); c++) {
        if (line.charAt(c) == '\t') {
          ctx.problem(new Location(i + 1, c + 1), "",
              "tab character in indentation; YAML indents with spaces only");
          found = true;
          break;
        }
      }
    }
    return found;
  }

  private static LoadedProject done(YamlContext ctx, Project project) {
    return new LoadedProject(project, sorted(ctx.problems), ctx.sources.build());
  }

  private static List<Problem> sorted(List<Problem> problems) {
    List<Problem> out = new ArrayList<>(problems);
    out.sort(Comparator.comparingInt((Problem p) -> p.location().line())
        .thenComparingInt(p -> p.location().column()));
    return out;
  }
}
