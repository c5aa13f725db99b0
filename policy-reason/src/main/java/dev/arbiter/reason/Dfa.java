package dev.arbiter.reason;

import dk.brics.automaton.Automaton;
import dk.brics.automaton.State;
import dk.brics.automaton.Transition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Minimal deterministic automata, made within the check's budget: the subset construction and
 * minimization that brics's {@code minimize} runs, each step counted by {@link Space#step()}, so
 * that one that blows up ends the check as inconclusive when its time runs out (and one of more
 * than {@link #MAX_STATES} states at once). Both work from each state's own character ranges, not
 * from every range of the automaton, and key sets of states by sorted arrays of numbers: brics's
 * versions spent most of their time hashing sets of states and sweeping the whole alphabet for
 * every state (seconds for the 1,090 actions of one AWS managed policy).
 */
final class Dfa {
  private Dfa() {}

  /** The minimal deterministic automaton of {@code automaton}, which may be changed. */
  static Automaton minimal(Automaton automaton) {
    return minimize(determinize(automaton));
  }

  /** Above this many states in one construction, the check is inconclusive rather than slow. */
  static final int MAX_STATES = 200_000;

  /** A deterministic automaton for the language of {@code nfa}, which is left unchanged. */
  static Automaton determinize(Automaton nfa) {
    if (nfa.isDeterministic()) {
      return nfa;
    }
    State[] states = nfa.getStates().toArray(new State[0]);
    Map<State, Integer> index = new HashMap<>();
    for (int i = 0; i < states.length; i++) {
      index.put(states[i], i);
    }
    // Per state, its transitions as parallel arrays: lower bound, upper bound, target.
    char[][] mins = new char[states.length][];
    char[][] maxs = new char[states.length][];
    int[][] dests = new int[states.length][];
    for (int i = 0; i < states.length; i++) {
      Set<Transition> out = states[i].getTransitions();
      mins[i] = new char[out.size()];
      maxs[i] = new char[out.size()];
      dests[i] = new int[out.size()];
      int t = 0;
      for (Transition transition : out) {
        mins[i][t] = transition.getMin();
        maxs[i][t] = transition.getMax();
        dests[i][t] = number(index, transition.getDest());
        t++;
      }
    }
    Map<Ints, State> made = new HashMap<>();
    ArrayDeque<Ints> work = new ArrayDeque<>();
    State initial =
        state(new Ints(new int[] {number(index, nfa.getInitialState())}), states, made, work);
    TreeSet<Integer> cuts = new TreeSet<>();
    TreeSet<Integer> reached = new TreeSet<>();
    while (!work.isEmpty()) {
      Ints subset = work.poll();
      State from = Objects.requireNonNull(made.get(subset));
      // The characters at which the set of targets can change: where a member's transition
      // starts, and just after it ends. Between two cuts the targets are the same.
      cuts.clear();
      for (int s : subset.members) {
        for (int t = 0; t < mins[s].length; t++) {
          cuts.add((int) mins[s][t]);
          cuts.add(maxs[s][t] + 1);
        }
      }
      Integer low = cuts.isEmpty() ? null : cuts.first();
      while (low != null) {
        Integer high = cuts.higher(low);
        if (high == null) {
          break;
        }
        reached.clear();
        for (int s : subset.members) {
          for (int t = 0; t < mins[s].length; t++) {
            if (mins[s][t] <= low && maxs[s][t] >= high - 1) {
              reached.add(dests[s][t]);
            }
          }
        }
        if (!reached.isEmpty()) {
          int[] members = new int[reached.size()];
          int m = 0;
          for (int r : reached) {
            members[m++] = r;
          }
          State to = state(new Ints(members), states, made, work);
          from.addTransition(new Transition((char) (int) low, (char) (high - 1), to));
        }
        low = high;
      }
    }
    Automaton out = new Automaton();
    out.setInitialState(initial);
    out.setDeterministic(true);
    // Adjacent ranges to one state become one transition.
    out.reduce();
    return out;
  }

  private static int number(Map<State, Integer> index, State state) {
    return Objects.requireNonNull(index.get(state), "a state of the automaton");
  }

  /** Numbers compared by content: a set of states (sorted), or the signature of a state. */
  private static final class Ints {
    final int[] members;
    private final int hash;

    Ints(int[] members) {
      this.members = members;
      this.hash = Arrays.hashCode(members);
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Ints that && Arrays.equals(members, that.members);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** The state of {@code subset}, made and queued if it is new. */
  private static State state(
      Ints subset, State[] states, Map<Ints, State> made, ArrayDeque<Ints> work) {
    State known = made.get(subset);
    if (known != null) {
      return known;
    }
    if (made.size() >= MAX_STATES) {
      throw new Unmodelled("budget: an automaton of more than " + MAX_STATES + " states");
    }
    Space.step();
    State state = new State();
    for (int s : subset.members) {
      if (states[s].isAccept()) {
        state.setAccept(true);
        break;
      }
    }
    made.put(subset, state);
    work.add(subset);
    return state;
  }

  /**
   * The minimal automaton of a deterministic one, by Moore's refinement: states start apart by
   * acceptance and are split by the classes their character ranges lead to, until no class splits.
   * Without dead states (removed first) a missing range leads to the one dead class, so the classes
   * are exactly the states of the minimal automaton. Each round is a step of the budget.
   */
  static Automaton minimize(Automaton dfa) {
    if (!dfa.isDeterministic()) {
      throw new IllegalArgumentException("not deterministic");
    }
    dfa.removeDeadTransitions();
    State[] states = dfa.getStates().toArray(new State[0]);
    Map<State, Integer> index = new HashMap<>();
    for (int i = 0; i < states.length; i++) {
      index.put(states[i], i);
    }
    // Per state, its ranges in order: lower bound, upper bound, target.
    int[][] ranges = new int[states.length][];
    for (int i = 0; i < states.length; i++) {
      List<Transition> sorted = states[i].getSortedTransitions(false);
      int[] flat = new int[sorted.size() * 3];
      for (int t = 0; t < sorted.size(); t++) {
        flat[3 * t] = sorted.get(t).getMin();
        flat[3 * t + 1] = sorted.get(t).getMax();
        flat[3 * t + 2] = number(index, sorted.get(t).getDest());
      }
      ranges[i] = flat;
    }
    int[] classes = new int[states.length];
    boolean accepting = false;
    boolean rejecting = false;
    for (int i = 0; i < states.length; i++) {
      classes[i] = states[i].isAccept() ? 1 : 0;
      accepting |= states[i].isAccept();
      rejecting |= !states[i].isAccept();
    }
    int count = (accepting ? 1 : 0) + (rejecting ? 1 : 0);
    Ints[] signatures = new Ints[states.length];
    while (true) {
      Space.step();
      Map<Ints, Integer> numbers = new HashMap<>();
      int[] next = new int[states.length];
      for (int i = 0; i < states.length; i++) {
        signatures[i] = signature(classes[i], ranges[i], classes);
        next[i] = numbers.computeIfAbsent(signatures[i], k -> numbers.size());
      }
      classes = next;
      if (numbers.size() == count) {
        break;
      }
      count = numbers.size();
    }
    State[] made = new State[count];
    for (int c = 0; c < count; c++) {
      made[c] = new State();
    }
    boolean[] done = new boolean[count];
    for (int i = 0; i < states.length; i++) {
      int c = classes[i];
      if (done[c]) {
        continue;
      }
      done[c] = true;
      made[c].setAccept(states[i].isAccept());
      // The signature of the last round names the classes of that round's input; recompute it
      // with the final classes (the same partition, numbered anew).
      int[] merged = signature(c, ranges[i], classes).members;
      for (int t = 1; t < merged.length; t += 3) {
        made[c].addTransition(
            new Transition((char) merged[t], (char) merged[t + 1], made[merged[t + 2]]));
      }
    }
    Automaton out = new Automaton();
    out.setInitialState(made[classes[number(index, dfa.getInitialState())]]);
    out.setDeterministic(true);
    return out;
  }

  /**
   * A state's class followed by its ranges with their targets' classes, adjacent ranges to one
   * class joined, so that states with the same behaviour have equal signatures.
   */
  private static Ints signature(int own, int[] ranges, int[] classes) {
    int[] out = new int[1 + ranges.length];
    out[0] = own;
    int size = 1;
    for (int t = 0; t < ranges.length; t += 3) {
      int target = classes[ranges[t + 2]];
      if (size > 1 && out[size - 2] + 1 == ranges[t] && out[size - 1] == target) {
        out[size - 2] = ranges[t + 1];
      } else {
        out[size++] = ranges[t];
        out[size++] = ranges[t + 1];
        out[size++] = target;
      }
    }
    return new Ints(size == out.length ? out : Arrays.copyOf(out, size));
  }

  /**
   * The minimal automaton of the given words and of every string that starts with one of the given
   * prefixes, built at once: a trie whose prefix nodes accept everything after them, shared bottom
   * up (a node is the same state as any other with the same acceptance and the same transitions to
   * shared states). Much cheaper than a union of one automaton per pattern: the thousand-action
   * lists of AWS managed policies are mostly literals and {@code service:Verb*} patterns.
   */
  static Automaton wordsAndPrefixes(Collection<String> words, Collection<String> prefixes) {
    Node root = new Node();
    for (String prefix : prefixes) {
      Node node = root.walk(prefix);
      if (node != null) {
        node.universal = true;
        node.next.clear();
      }
    }
    for (String word : words) {
      Node node = root.walk(word);
      if (node != null) {
        node.accept = true;
      }
    }
    State sink = new State();
    sink.setAccept(true);
    sink.addTransition(new Transition('\u0000', '\uffff', sink));
    Automaton out = new Automaton();
    out.setInitialState(root.share(new HashMap<>(), sink));
    out.setDeterministic(true);
    out.reduce();
    return out;
  }

  /** A node of the trie of {@link #wordsAndPrefixes}. */
  private static final class Node {
    final TreeMap<Character, Node> next = new TreeMap<>();
    boolean accept;
    boolean universal;

    /** The node of {@code text}, made as needed; null if a prefix of it is universal already. */
    @Nullable Node walk(String text) {
      Node node = this;
      for (int i = 0; i < text.length(); i++) {
        if (node.universal) {
          return null;
        }
        node = node.next.computeIfAbsent(text.charAt(i), c -> new Node());
      }
      return node.universal ? null : node;
    }

    /** This node's state, shared with every node of the same behaviour met so far. */
    State share(Map<Ints, State> known, State sink) {
      if (universal) {
        return sink;
      }
      List<State> targets = new ArrayList<>();
      int[] signature = new int[1 + 2 * next.size()];
      signature[0] = accept ? 1 : 0;
      int i = 1;
      for (Map.Entry<Character, Node> entry : next.entrySet()) {
        State target = entry.getValue().share(known, sink);
        targets.add(target);
        signature[i++] = entry.getKey();
        signature[i++] = System.identityHashCode(target);
      }
      Ints key = new Ints(signature);
      State shared = known.get(key);
      if (shared != null && sameTargets(shared, targets)) {
        return shared;
      }
      State state = new State();
      state.setAccept(accept);
      i = 0;
      for (Map.Entry<Character, Node> entry : next.entrySet()) {
        char c = entry.getKey();
        state.addTransition(new Transition(c, targets.get(i++)));
      }
      if (shared == null) {
        known.put(key, state);
      }
      return state;
    }

    /** Whether {@code state}'s transitions lead, in order, to exactly these states. */
    @SuppressWarnings("ReferenceEquality") // states are compared as objects, as brics does
    private boolean sameTargets(State state, List<State> targets) {
      List<Transition> sorted = state.getSortedTransitions(false);
      if (sorted.size() != targets.size()) {
        return false;
      }
      int i = 0;
      for (Map.Entry<Character, Node> entry : next.entrySet()) {
        Transition transition = sorted.get(i);
        if (transition.getMin() != entry.getKey() || transition.getDest() != targets.get(i)) {
          return false;
        }
        i++;
      }
      return true;
    }
  }

  /**
   * Whether the two automata share a string, searched pair by pair from the two initial states and
   * stopped at the first pair of accepting states: exact (a string in both is a path to such a
   * pair), without building the product, listing every state of either automaton or removing dead
   * transitions, which brics's {@code intersection(...).isEmpty()} does for every call (most of the
   * time of a check on an AWS managed policy with a long NotAction list, met by each cube).
   */
  static boolean meets(Automaton a, Automaton b) {
    String word = a.getSingleton() != null ? a.getSingleton() : b.getSingleton();
    if (word != null) {
      return a.run(word) && b.run(word);
    }
    Map<State, List<Transition>> sorted = new HashMap<>();
    Set<Pair> seen = new java.util.HashSet<>();
    ArrayDeque<Pair> work = new ArrayDeque<>();
    Pair start = new Pair(a.getInitialState(), b.getInitialState());
    seen.add(start);
    work.add(start);
    while (!work.isEmpty()) {
      Space.step();
      Pair pair = work.poll();
      State p = Objects.requireNonNull(pair.p());
      State q = Objects.requireNonNull(pair.q());
      if (p.isAccept() && q.isAccept()) {
        return true;
      }
      List<Transition> theirs = sorted.computeIfAbsent(q, x -> x.getSortedTransitions(false));
      for (Transition t : sorted.computeIfAbsent(p, x -> x.getSortedTransitions(false))) {
        for (Transition u : theirs) {
          if (u.getMin() > t.getMax()) {
            break;
          }
          if (u.getMax() >= t.getMin()) {
            Pair next = new Pair(t.getDest(), u.getDest());
            if (seen.add(next)) {
              work.add(next);
            }
          }
        }
      }
    }
    return false;
  }

  /**
   * Whether every string of {@code a} is in {@code b}, which is deterministic: searched pair by
   * pair, a state of {@code b} or none (no string of {@code b} continues so), stopped at the first
   * accepting state of {@code a} paired with a rejecting state or none. Exact, and like {@link
   * #meets} without listing and sorting every state of both automata, which brics's {@code
   * subsetOf} does for every call.
   */
  static boolean subset(Automaton a, Automaton b) {
    if (!b.isDeterministic() || a.getSingleton() != null || b.getSingleton() != null) {
      throw new IllegalArgumentException("expanded automata, the second deterministic");
    }
    Map<State, List<Transition>> sorted = new HashMap<>();
    Set<Pair> seen = new java.util.HashSet<>();
    ArrayDeque<Pair> work = new ArrayDeque<>();
    Pair start = new Pair(a.getInitialState(), b.getInitialState());
    seen.add(start);
    work.add(start);
    while (!work.isEmpty()) {
      Space.step();
      Pair pair = work.poll();
      State p = Objects.requireNonNull(pair.p());
      State q = pair.q();
      if (p.isAccept() && (q == null || !q.isAccept())) {
        return false;
      }
      for (Transition t : sorted.computeIfAbsent(p, x -> x.getSortedTransitions(false))) {
        List<State> targets = new ArrayList<>();
        boolean gap = q == null;
        if (q != null) {
          // b is deterministic: its ranges from q are disjoint, sorted by their lower bound.
          int from = t.getMin();
          for (Transition u : sorted.computeIfAbsent(q, x -> x.getSortedTransitions(false))) {
            if (u.getMax() < from) {
              continue;
            }
            if (u.getMin() > t.getMax()) {
              break;
            }
            if (u.getMin() > from) {
              gap = true;
            }
            targets.add(u.getDest());
            from = u.getMax() + 1;
            if (from > t.getMax()) {
              break;
            }
          }
          if (from <= t.getMax()) {
            gap = true;
          }
        }
        if (gap) {
          Pair next = new Pair(t.getDest(), null);
          if (seen.add(next)) {
            work.add(next);
          }
        }
        for (State target : targets) {
          Pair next = new Pair(t.getDest(), target);
          if (seen.add(next)) {
            work.add(next);
          }
        }
      }
    }
    return true;
  }

  /** A pair of states (brics's states are equal only to themselves), the second maybe none. */
  private record Pair(State p, @Nullable State q) {}
}
