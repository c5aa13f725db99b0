package dev.arbiter.reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Unions of cubes and the operations the checks need, within a budget of cubes and time. Every
 * operation is exact: a difference of two cubes splits into at most one cube per dimension,
 * pairwise disjoint (docs/reasoning.md).
 *
 * <p>The budget covers the whole check, not only the cube operations: while a space is open (from
 * its creation to {@link #close}) it is the budget of its thread, and the long loops inside single
 * operations (the states of a subset construction, the terms of a multivalued key) count their
 * steps with {@link #step()}, so that one huge operation ends the check in time as well.
 */
final class Space implements AutoCloseable {
  private static final ThreadLocal<@Nullable Space> CURRENT = new ThreadLocal<>();

  /** Steps between two looks at the clock: {@code System.nanoTime()} is cheap, not free. */
  private static final int STEPS_PER_LOOK = 64;

  private final long deadline;
  private final int maxCubes;
  private final @Nullable Space outer;
  private int made;
  private int steps;

  Space(long timeoutNanos, int maxCubes) {
    this.deadline = System.nanoTime() + timeoutNanos;
    this.maxCubes = maxCubes;
    this.outer = CURRENT.get();
    CURRENT.set(this);
  }

  /** Ends this space's hold on its thread's budget. */
  @Override
  public void close() {
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
  }

  /**
   * One step of a long loop inside an operation: inconclusive once the time of the thread's open
   * space has run out; nothing when no space is open (a set built outside a check).
   */
  static void step() {
    Space space = CURRENT.get();
    if (space != null && ++space.steps % STEPS_PER_LOOK == 0) {
      space.checkTime();
    }
  }

  private void spend() {
    if (++made > maxCubes) {
      throw new Unmodelled("budget: more than " + maxCubes + " cubes");
    }
    checkTime();
  }

  private void checkTime() {
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
