package dev.arbiter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestContextTest {

  @Test
  void build_builderUsedAgain_earlierContextUnchanged() {
    RequestContext.Builder builder = RequestContext.builder().put("aws:SourceIp", "10.0.0.1");
    RequestContext first = builder.build();
    RequestContext second = builder.put("aws:TagKeys", List.of("a", "b")).build();

    assertThat(first.keys()).containsExactly("aws:SourceIp");
    assertThat(first.contains("aws:tagkeys")).isFalse();
    assertThat(second.keys()).containsExactly("aws:SourceIp", "aws:TagKeys");
    assertThat(second.values("AWS:TAGKEYS")).contains(List.of("a", "b"));
  }

  @Test
  void put_sameKeyInAnotherCase_isRejectedAfterABuildToo() {
    RequestContext.Builder builder = RequestContext.builder().put("aws:username", "alice");
    builder.build();

    assertThatThrownBy(() -> builder.put("AWS:UserName", "bob"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key names are case-insensitive");
  }

  @Test
  void plus_addsAfterTheKeysAndLeavesTheContextUnchanged() {
    RequestContext context = RequestContext.builder().put("aws:SourceIp", "10.0.0.1").build();
    RequestContext more = context.plus(Map.of("aws:PrincipalAccount", "111122223333"));

    assertThat(context.keys()).containsExactly("aws:SourceIp");
    assertThat(more.keys()).containsExactly("aws:SourceIp", "aws:PrincipalAccount");
    assertThat(more.value("aws:principalaccount")).contains("111122223333");
  }

  /** Lookups go through a cache of normalized keys; it must not tie keys that differ. */
  @Test
  void value_manyDistinctKeys_eachFoundInAnyCase() {
    RequestContext.Builder builder = RequestContext.builder();
    for (int i = 0; i < 5000; i++) {
      builder.put("k:Key" + i, "v" + i);
    }
    RequestContext context = builder.build();
    for (int i = 0; i < 5000; i += 7) {
      assertThat(context.value("K:KEY" + i)).contains("v" + i);
    }
    assertThat(context.contains("k:key5000")).isFalse();
  }
}
