package dev.arbiter.policy.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.policy.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Json#relocated}: every position, member names included, mapped; values unchanged. */
class JsonRelocatedTest {
  private static final Limits LIMITS = new Limits(1 << 16, 16);

  @Test
  void relocated_movesEveryPosition_andKeepsEveryValue() {
    Json tree = JsonReader.read("{\"a\": [1, \"x\", true, null],\n \"b\": {\"c\": 2.5}}", LIMITS);
    Json moved = tree.relocated(p -> new SourcePosition(p.line() + 10, p.column() + 1));

    assertThat(JsonWriter.compact(moved)).isEqualTo(JsonWriter.compact(tree));
    List<SourcePosition> before = positions(tree);
    List<SourcePosition> after = positions(moved);
    assertThat(after).hasSameSizeAs(before);
    for (int i = 0; i < before.size(); i++) {
      assertThat(after.get(i))
          .isEqualTo(new SourcePosition(before.get(i).line() + 10, before.get(i).column() + 1));
    }
  }

  @Test
  void relocated_toOnePosition_placesEveryElementThere() {
    SourcePosition string = new SourcePosition(7, 3);
    Json moved =
        JsonReader.read("{\"Statement\": [{\"Effect\": \"Allow\"}]}", LIMITS)
            .relocated(p -> string);
    assertThat(positions(moved)).isNotEmpty().containsOnly(string);
  }

  private static List<SourcePosition> positions(Json json) {
    List<SourcePosition> out = new ArrayList<>();
    out.add(json.position());
    if (json instanceof Json.Obj object) {
      for (Json.Member member : object.members()) {
        out.add(member.namePosition());
        out.addAll(positions(member.value()));
      }
    } else if (json instanceof Json.Arr array) {
      array.elements().forEach(e -> out.addAll(positions(e)));
    }
    return out;
  }
}
