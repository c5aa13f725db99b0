package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartupTrainingTest {

  @Test
  void commands_separatedByDoubleColon_splitIntoCommandLines() {
    assertThat(
            StartupTraining.commands(
                "lint", "corpus/policies", "::", "query", "--account", "a.json", "can x y z"))
        .containsExactly(
            List.of("lint", "corpus/policies"),
            List.of("query", "--account", "a.json", "can x y z"));
  }

  @Test
  void commands_emptyOrRepeatedSeparators_areDropped() {
    assertThat(StartupTraining.commands("::", "--version", "::", "::"))
        .containsExactly(List.of("--version"));
    assertThat(StartupTraining.commands()).isEmpty();
  }
}
