package dev.arbiter.reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

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

  /**
   * {@code a} without {@code b}: one piece per dimension in which {@code a} reaches outside {@code
   * b}, each within {@code b} in the dimensions before it. A dimension that {@code b} covers gives
   * no piece and keeps {@code a}'s set (the same automaton, so later comparisons with it are
   * identity checks); the cubes are known to meet, so no intersection is empty.
   */
  List<Cube> minus(Cube a, Cube b) {
    return a.disjoint(b) ? List.of(a) : minusMeeting(a, b);
  }

  /** {@link #minus(Cube, Cube)} for cubes known to meet. */
  private List<Cube> minusMeeting(Cube a, Cube b) {
    List<Cube> out = new ArrayList<>();
    Cube rest = a;
    if (!Strings.subset(rest.action(), b.action())) {
      add(out, rest.withAction(Strings.minus(rest.action(), b.action())));
      rest = rest.withAction(Strings.and(rest.action(), b.action()));
    }
    if (!Strings.subset(rest.resource(), b.resource())) {
      add(out, rest.withResource(Strings.minus(rest.resource(), b.resource())));
      rest = rest.withResource(Strings.and(rest.resource(), b.resource()));
    }
    if (!Strings.subset(rest.principal(), b.principal())) {
      add(out, rest.withPrincipal(Strings.minus(rest.principal(), b.principal())));
      rest = rest.withPrincipal(Strings.and(rest.principal(), b.principal()));
    }
    Set<String> names = new TreeSet<>(b.keys().keySet());
    for (String name : names) {
      KeySet theirs = b.key(name);
      if (theirs.isFull()) {
        continue;
      }
      KeySet ours = rest.key(name);
      if (theirs.covers(ours)) {
        continue;
      }
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

  /**
   * The union {@code as} without every cube of {@code bs}, each remaining piece handed to {@code
   * found} as soon as it is known; stops, returning true, when {@code found} returns true.
   */
  boolean minus(List<Cube> as, List<Cube> bs, Predicate<Cube> found) {
    for (Cube a : as) {
      if (subtract(a, bs, 0, found)) {
        return true;
      }
    }
    return false;
  }

  private void subtract(Cube a, List<Cube> bs, int from, List<Cube> out) {
    subtract(
        a,
        bs,
        from,
        piece -> {
          out.add(piece);
          return false;
        });
  }

  private boolean subtract(Cube a, List<Cube> bs, int from, Predicate<Cube> found) {
    for (int j = from; j < bs.size(); j++) {
      spend();
      if (bs.get(j).covers(a)) {
        return false;
      }
    }
    for (int j = from; j < bs.size(); j++) {
      Cube b = bs.get(j);
      if (a.disjoint(b)) {
        continue;
      }
      for (Cube piece : minusMeeting(a, b)) {
        if (subtract(piece, bs, j + 1, found)) {
          return true;
        }
      }
      return false;
    }
    return found.test(a);
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
