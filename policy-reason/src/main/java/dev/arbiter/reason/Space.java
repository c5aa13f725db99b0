package dev.arbiter.reason;

import dk.brics.automaton.Automaton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Unions of cubes and the operations the checks need, within a budget of cubes and time. Every
 * operation is exact: a difference of two cubes splits into at most one cube per dimension,
 * pairwise disjoint (docs/reasoning.md).
 */
final class Space {
  private final long deadline;
  private final int maxCubes;
  private int made;

  Space(long timeoutNanos, int maxCubes) {
    this.deadline = System.nanoTime() + timeoutNanos;
    this.maxCubes = maxCubes;
  }

  private void spend() {
    if (++made > maxCubes) {
      throw new Unmodelled("budget: more than " + maxCubes + " cubes");
    }
    if (System.nanoTime() - deadline > 0) {
      throw new Unmodelled("budget: the time limit ran out");
    }
  }

  /** {@code a} without {@code b}. */
  List<Cube> minus(Cube a, Cube b) {
    if (a.disjoint(b)) {
      return List.of(a);
    }
    Cube common = a.intersect(b);
    if (common.isEmpty()) {
      return List.of(a);
    }
    List<Cube> out = new ArrayList<>();
    Cube rest = a;
    Automaton principal = Strings.minus(rest.principal(), b.principal());
    add(out, rest.withPrincipal(principal));
    rest = rest.withPrincipal(common.principal());
    Automaton action = Strings.minus(rest.action(), b.action());
    add(out, rest.withAction(action));
    rest = rest.withAction(common.action());
    Automaton resource = Strings.minus(rest.resource(), b.resource());
    add(out, rest.withResource(resource));
    rest = rest.withResource(common.resource());
    Set<String> names = new TreeSet<>(b.keys().keySet());
    for (String name : names) {
      KeySet theirs = b.key(name);
      if (theirs.isFull()) {
        continue;
      }
      KeySet ours = rest.key(name);
      add(out, rest.withKey(name, ours.minus(theirs)));
      rest = rest.withKey(name, ours.intersect(theirs));
    }
    return out;
  }

  private void add(List<Cube> out, Cube cube) {
    spend();
    if (!cube.isEmpty()) {
      out.add(cube);
    }
  }

  /**
   * The union {@code as} without every cube of {@code bs}. Each piece is dropped as soon as one of
   * the cubes still to subtract covers it whole, which keeps a statement that another one repeats
   * from splitting into fragments first.
   */
  List<Cube> minus(List<Cube> as, List<Cube> bs) {
    List<Cube> out = new ArrayList<>();
    for (Cube a : as) {
      subtract(a, bs, 0, out);
    }
    return out;
  }

  private void subtract(Cube a, List<Cube> bs, int from, List<Cube> out) {
    for (int j = from; j < bs.size(); j++) {
      spend();
      if (bs.get(j).covers(a)) {
        return;
      }
    }
    for (int j = from; j < bs.size(); j++) {
      Cube b = bs.get(j);
      if (a.disjoint(b)) {
        continue;
      }
      for (Cube piece : minus(a, b)) {
        subtract(piece, bs, j + 1, out);
      }
      return;
    }
    out.add(a);
  }

  /** The pairwise intersections of two unions. */
  List<Cube> intersect(List<Cube> as, List<Cube> bs) {
    List<Cube> out = new ArrayList<>();
    for (Cube a : as) {
      for (Cube b : bs) {
        spend();
        if (a.disjoint(b)) {
          continue;
        }
        Cube both = a.intersect(b);
        if (!both.isEmpty()) {
          out.add(both);
        }
      }
    }
    return out;
  }
}
