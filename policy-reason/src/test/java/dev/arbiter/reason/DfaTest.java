package dev.arbiter.reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.policy.Template;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicOperations;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Dfa} against brics's own determinization and minimization: the same language and the same
 * number of states (both minimal), on seeded random unions, intersections and differences of IAM
 * wildcard patterns; and the budget stops a subset construction that blows up.
 */
class DfaTest {
  private static final String LETTERS = "ab:/*?";

  static Stream<Long> seeds() {
    return new Random(20261205L).longs(300).boxed();
  }

  private static String pattern(Random random) {
    StringBuilder out = new StringBuilder();
    int length = random.nextInt(7);
    for (int i = 0; i < length; i++) {
      out.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
    }
    return out.toString();
  }

  /** A nondeterministic automaton: a union, or a product or difference with one. */
  private static Automaton automaton(Random random) {
    List<Automaton> parts = new ArrayList<>();
    int count = 1 + random.nextInt(6);
    for (int i = 0; i < count; i++) {
      Automaton one = Strings.glob(pattern(random));
      parts.add(
          random.nextBoolean()
              ? one
              : Objects.requireNonNull(
                  Strings.resource(Template.withoutVariables(pattern(random)))));
    }
    Automaton union = BasicOperations.union(parts);
    return switch (random.nextInt(3)) {
      case 0 -> union;
      case 1 -> union.intersection(Strings.glob(pattern(random)));
      default -> union.minus(Strings.glob(pattern(random)));
    };
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void minimal_randomAutomata_sameLanguageAndSizeAsBrics(long seed) {
    Random random = new Random(seed);
    Automaton input = automaton(random);
    Automaton expected = input.clone();
    expected.minimize();
    Automaton ours = Dfa.minimal(input.clone());
    assertThat(ours.isDeterministic()).isTrue();
    assertThat(ours).isEqualTo(expected); // brics's equals compares languages
    assertThat(ours.getNumberOfStates()).isEqualTo(expected.getNumberOfStates());
    assertThat(ours.isEmpty()).isEqualTo(expected.isEmpty());
    assertThat(ours.isTotal()).isEqualTo(expected.isTotal());
    for (int i = 0; i < 50; i++) {
      String word = pattern(random).replace('*', 'a').replace('?', 'b');
      assertThat(ours.run(word)).as(word).isEqualTo(expected.run(word));
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void wordsAndPrefixes_randomLists_sameLanguageAndSizeAsBrics(long seed) {
    Random random = new Random(seed);
    List<String> words = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    List<Automaton> parts = new ArrayList<>();
    int count = random.nextInt(12);
    for (int i = 0; i < count; i++) {
      String text = pattern(random).replace("*", "").replace("?", "");
      if (random.nextInt(3) == 0) {
        prefixes.add(text);
        parts.add(Strings.exactly(text).concatenate(Strings.ANY));
      } else {
        words.add(text);
        parts.add(Strings.exactly(text));
      }
    }
    Automaton expected = BasicOperations.union(parts);
    expected.minimize();
    Automaton ours = Dfa.wordsAndPrefixes(words, prefixes);
    assertThat(ours).isEqualTo(expected);
    assertThat(ours.getNumberOfStates()).isEqualTo(expected.getNumberOfStates());
    assertThat(ours.isEmpty()).isEqualTo(expected.isEmpty());
    assertThat(ours.isTotal()).isEqualTo(expected.isTotal());
  }

  /**
   * Everything without a minimal automaton, made as its complement (no product, no minimization):
   * the language and the number of states of brics's minimal difference, and the original left
   * unchanged.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void minus_everythingWithoutMinimal_isBricsMinimalComplement(long seed) {
    Random random = new Random(seed);
    Automaton input = Dfa.minimal(automaton(random));
    Automaton copy = input.clone();
    Automaton expected = Strings.ANY.minus(input);
    expected.minimize();
    Automaton ours = Strings.minus(Strings.ANY, input);
    assertThat(ours).isEqualTo(expected);
    assertThat(ours.getNumberOfStates()).isEqualTo(expected.getNumberOfStates());
    assertThat(ours.isEmpty()).isEqualTo(expected.isEmpty());
    assertThat(ours.isTotal()).isEqualTo(expected.isTotal());
    assertThat(input).isEqualTo(copy);
    assertThat(input.getNumberOfStates()).isEqualTo(copy.getNumberOfStates());
    for (int i = 0; i < 50; i++) {
      String word = pattern(random).replace('*', 'a').replace('?', 'b');
      assertThat(ours.run(word)).as(word).isEqualTo(!input.run(word));
    }
  }

  /**
   * The on-the-fly searches against brics's products: meeting of any two automata (also
   * nondeterministic, also singletons), inclusion in a deterministic one.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void meetsAndSubset_randomAutomata_agreeWithBrics(long seed) {
    Random random = new Random(seed);
    Automaton a = random.nextInt(4) == 0 ? Strings.exactly(pattern(random)) : automaton(random);
    Automaton b = automaton(random);
    Automaton minimalA = Dfa.minimal(a.clone());
    Automaton minimalB = Dfa.minimal(b.clone());
    boolean meets = !a.intersection(b).isEmpty();
    assertThat(Dfa.meets(a, b)).isEqualTo(meets);
    assertThat(Dfa.meets(b, a)).isEqualTo(meets);
    assertThat(Strings.meets(minimalA, minimalB)).isEqualTo(meets);
    assertThat(Dfa.subset(minimalA, minimalB)).isEqualTo(minimalA.subsetOf(minimalB));
    assertThat(Dfa.subset(minimalB, minimalA)).isEqualTo(minimalB.subsetOf(minimalA));
    Automaton within = Dfa.minimal(minimalA.intersection(minimalB));
    assertThat(Dfa.subset(within, minimalA)).isTrue();
    assertThat(Dfa.subset(within, minimalB)).isTrue();
    assertThat(Strings.subset(minimalA, minimalB)).isEqualTo(minimalA.subsetOf(minimalB));
  }

  @Test
  void minimal_emptyAndTotal_recognisedByBrics() {
    assertThat(Dfa.minimal(Strings.ANY.union(Strings.glob("ab*"))).isTotal()).isTrue();
    assertThat(Dfa.minimal(Strings.glob("a*").intersection(Strings.glob("b*"))).isEmpty()).isTrue();
  }

  @Test
  void determinize_blowUp_endsInTheBudget() {
    // "*a" followed by 24 single characters: the subset construction needs 2^24 states.
    Automaton nfa = Strings.ANY.concatenate(Strings.exactly("a"));
    for (int i = 0; i < 24; i++) {
      nfa = nfa.concatenate(Strings.ANY_CHAR);
    }
    Automaton blowUp = nfa;
    Space space = new Space(50_000_000L, 1000);
    try {
      assertThatThrownBy(() -> Dfa.determinize(blowUp))
          .isInstanceOf(Unmodelled.class)
          .hasMessageStartingWith("budget: ");
    } finally {
      space.close();
    }
  }

  @Test
  void step_outsideAnOpenSpace_neverStops() {
    Space space = new Space(1, 1);
    space.close();
    for (int i = 0; i < 10_000; i++) {
      Space.step();
    }
    assertThat(Dfa.minimal(Strings.glob("a*").union(Strings.glob("*b"))).run("ab")).isTrue();
  }
}
