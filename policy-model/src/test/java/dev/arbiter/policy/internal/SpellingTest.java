package dev.arbiter.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingTest {
  private static final List<String> NAMES = List.of("GetObject", "PutObject", "ListBucket");

  @Test
  void closest_caseOnly_suggestsProperCase() {
    assertThat(Spelling.closest("getobject", NAMES)).contains("GetObject");
  }

  @Test
  void closest_exactMatch_suggestsNothing() {
    assertThat(Spelling.closest("GetObject", NAMES)).isEmpty();
  }

  @Test
  void closest_typo_suggestsNearest() {
    assertThat(Spelling.closest("GetObjct", NAMES)).contains("GetObject");
    assertThat(Spelling.closest("ListBuckets", NAMES)).contains("ListBucket");
  }

  @Test
  void closest_farAway_suggestsNothing() {
    assertThat(Spelling.closest("DeleteEverything", NAMES)).isEmpty();
    assertThat(Spelling.closest("x", NAMES)).isEmpty();
  }
}
