package io.lightningop.spec;

import io.lightningop.spec.validate.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** A project failed validation; the message lists every problem, one per line. */
public final class InvalidProjectException extends RuntimeException {
  private final List<Problem> problems;

  public InvalidProjectException(List<Problem> problems) {
    super(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":\n"
        + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
