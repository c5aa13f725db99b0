package dev.arbiter.policy.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.SourcePosition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlReaderTest {
  private static final Limits LIMITS = new Limits(1 << 20, 32);

  @Test
  void read_accountIdAndDate_keepTheirText() {
    Json tree =
        YamlReader.read(
            """
            Account: 012345678901
            Version: 2012-10-17
            Count: 5
            Enabled: true
            Nothing: ~
            Check: off
            """,
            LIMITS);

    Json.Obj root = (Json.Obj) tree;
    assertThat(root.get("Account"))
        .contains(new Json.Str("012345678901", new SourcePosition(1, 10)));
    assertThat(root.get("Version")).contains(new Json.Str("2012-10-17", new SourcePosition(2, 10)));
    assertThat(root.get("Count")).contains(new Json.Str("5", new SourcePosition(3, 8)));
    assertThat(root.get("Enabled")).contains(new Json.Bool(true, new SourcePosition(4, 10)));
    assertThat(root.get("Nothing")).contains(new Json.Null(new SourcePosition(5, 10)));
    assertThat(root.get("Check")).contains(new Json.Str("off", new SourcePosition(6, 8)));
  }

  @Test
  void read_nestedMapsAndLists_givePositionsOfTheSameTreeAsJson() {
    Json tree =
        YamlReader.read(
            """
            Statement:
              - Effect: Allow
                Action: [s3:GetObject]
            """,
            LIMITS);

    Json.Member statement = Objects.requireNonNull(((Json.Obj) tree).member("Statement"));
    assertThat(statement.namePosition()).isEqualTo(new SourcePosition(1, 1));
    Json.Obj first = (Json.Obj) ((Json.Arr) statement.value()).elements().get(0);
    assertThat(first.position()).isEqualTo(new SourcePosition(2, 5));
    assertThat(first.get("Action"))
        .contains(
            new Json.Arr(
                List.of(new Json.Str("s3:GetObject", new SourcePosition(3, 14))),
                new SourcePosition(3, 13)));
  }

  @Test
  void read_embeddedPolicy_parsesAtItsPositionInTheFile() {
    Json tree =
        YamlReader.read(
            """
            Resources:
              Policy:
                Version: 2012-10-17
                Statement:
                  - Effect: allow
                    Action: s3:GetObject
            """,
            LIMITS);
    Json policy =
        ((Json.Obj) ((Json.Obj) tree).get("Resources").orElseThrow()).get("Policy").orElseThrow();

    assertThatThrownBy(() -> PolicyReader.read(policy))
        .hasMessage(
            "5:17 at /Statement/0/Effect: Effect must be \"Allow\" or \"Deny\", got \"allow\"");
  }

  @Test
  void read_duplicateKey_isRejectedWithItsPointer() {
    assertThatThrownBy(() -> YamlReader.read("a:\n  b: 1\n  b: 2\n", LIMITS))
        .isInstanceOfSatisfying(
            JsonReadException.class,
            e -> {
              assertThat(e.problem().kind()).isEqualTo(JsonReadException.Kind.DUPLICATE_NAME);
              assertThat(e.problem().pointer()).isEqualTo(JsonPointer.parse("/a/b"));
              assertThat(e.problem().position()).isEqualTo(new SourcePosition(3, 3));
            });
  }

  @Test
  void read_emptyDocument_isEmpty() {
    assertThatThrownBy(() -> YamlReader.read("# only a comment\n", LIMITS))
        .isInstanceOfSatisfying(
            JsonReadException.class,
            e -> assertThat(e.problem().kind()).isEqualTo(JsonReadException.Kind.EMPTY));
  }

  @Test
  void read_secondDocument_isTrailingContent() {
    assertThatThrownBy(() -> YamlReader.read("a: 1\n---\nb: 2\n", LIMITS))
        .isInstanceOfSatisfying(
            JsonReadException.class,
            e -> assertThat(e.problem().kind()).isEqualTo(JsonReadException.Kind.TRAILING_CONTENT));
  }

  @Test
  void read_tooDeep_isRejected() {
    assertThatThrownBy(() -> YamlReader.read("x: " + "[".repeat(40) + "]".repeat(40), LIMITS))
        .isInstanceOfSatisfying(
            JsonReadException.class,
            e -> assertThat(e.problem().kind()).isEqualTo(JsonReadException.Kind.TOO_DEEP));
  }

  @Test
  void read_notYaml_isASyntaxProblemOnOneLine() {
    assertThatThrownBy(() -> YamlReader.read("a: [1, 2\nb: {", LIMITS))
        .isInstanceOfSatisfying(
            JsonReadException.class,
            e -> {
              assertThat(e.problem().kind()).isEqualTo(JsonReadException.Kind.SYNTAX);
              assertThat(e.getMessage()).doesNotContain("\n");
            });
  }

  @Test
  void read_sameDocumentAsJson_givesTheSameValues() {
    Json yaml = YamlReader.read("{\"a\": [\"x\", null, false]}", LIMITS);
    Json json = JsonReader.read("{\"a\": [\"x\", null, false]}", LIMITS);
    assertThat(yaml).isEqualTo(json);
  }

  @Test
  void policyParse_stillReadsOnlyJson() {
    assertThatThrownBy(() -> Policy.parse("Version: 2012-10-17"))
        .hasMessageStartingWith("1:1 at /: ");
  }

  @Test
  void scalarText_givesScalarsAsWritten_andNothingForTheRest() {
    Json json = JsonReader.read("[\"x\", 1.50, true, null, [], {}]", LIMITS);
    List<Json> elements = ((Json.Arr) json).elements();
    assertThat(elements.stream().map(Json::scalarText))
        .containsExactly(
            Optional.of("x"),
            Optional.of("1.50"),
            Optional.of("true"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
  }

  @Test
  void read_withTags_givesEachTaggedValueToTheHook_withItsPointerAndTheTagsPosition() {
    List<String> seen = new java.util.ArrayList<>();
    Json tree =
        YamlReader.read(
            """
            A: !Ref X
            B: !Join [',', [!Ref Y, z]]
            C: !!str 012
            D: plain
            """,
            LIMITS,
            (tag, value, pointer) -> {
              seen.add(tag + " " + pointer + " " + value.position());
              return new Json.Str(tag, value.position());
            });

    assertThat(seen)
        .containsExactly(
            "Ref /A 1:4", "Ref /B/1/0 2:17", "Join /B 2:4", "tag:yaml.org,2002:str /C 3:4");
    assertThat(((Json.Obj) tree).get("A")).contains(new Json.Str("Ref", new SourcePosition(1, 4)));
    assertThat(((Json.Obj) tree).get("D"))
        .contains(new Json.Str("plain", new SourcePosition(4, 4)));
  }
}
