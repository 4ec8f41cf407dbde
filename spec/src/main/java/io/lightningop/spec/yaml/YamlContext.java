package io.lightningop.spec.yaml;

import io.lightningop.spec.validate.Location;
import io.lightningop.spec.validate.Problem;
import io.lightningop.spec.validate.SourceMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** What one read of a YAML file accumulates: problems and field locations. */
final class YamlContext {
  final String file;
  final Path baseDir;
  final List<Problem> problems = new ArrayList<>();
  final SourceMap.Builder sources;

  YamlContext(String file, Path baseDir) {
    this.file = file;
    this.baseDir = baseDir;
    this.sources = new SourceMap.Builder(file);
  }

  static Location at(Node node) {
    return at(node.getStartMark());
  }

  static Location at(Mark mark) {
    return mark == null ? Location.START : new Location(mark.getLine() + 1, mark.getColumn() + 1);
  }

  void problem(Location where, String path, String message) {
    problems.add(new Problem(file, where, path, message));
  }

  void problem(Node node, String path, String message) {
    problem(at(node), path, message);
  }
}
