package dev.arbiter.eval.scenario;

import static dev.arbiter.eval.scenario.Members.error;

import dev.arbiter.eval.Decision;
import dev.arbiter.eval.PublicPolicyTest;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.internal.Spelling;
import dev.arbiter.policy.json.Json;
import java.util.ArrayList;
import java.util.List;

/** Reads one conformance case line (docs/scenario.md, Conformance cases). */
final class CaseReader {
  private static final List<String> CASE_MEMBERS = List.of("id", "source", "scenario", "expect");

  private CaseReader() {}

  static ScenarioCase scenarioCase(String json, PublicPolicyTest publicTest) {
    Json.Obj object = ScenarioReader.root(json);
    String id = null;
    String source = "";
    Scenario scenario = null;
    Decision expected = null;
    List<String> ignored = new ArrayList<>();
    for (Json.Member member : object.members()) {
      String name = member.name();
      Json value = member.value();
      JsonPointer pointer = JsonPointer.ROOT.child(name);
      switch (name) {
        case "id" -> id = Members.id(value, pointer);
        case "source" -> source = Members.string(value, pointer, name);
        case "scenario" -> {
          Json.Obj scenarioObject =
              Members.object(value, pointer, "\"scenario\" must be an object");
          scenario = ScenarioReader.scenario(scenarioObject, pointer, null, publicTest);
          if (scenario.hasRequestList()) {
            throw error(
                pointer.child("requests"),
                scenarioObject.position(),
                "a conformance case decides one \"request\"; \"requests\" is for scenarios");
          }
        }
        case "expect" -> expected = Members.decision(value, pointer);
        default -> {
          // Case files carry extra data (tags, notes, a converter's origin); a name close to a
          // member of the format is a typo, and one that would lose an expectation.
          if (Spelling.closest(name, CASE_MEMBERS).isPresent()) {
            throw Members.unknown(member, pointer, CASE_MEMBERS, "a case");
          }
          ignored.add(name);
        }
      }
    }
    if (id == null) {
      throw error(JsonPointer.ROOT, object.position(), "the case has no \"id\"");
    }
    if (scenario == null) {
      throw error(JsonPointer.ROOT, object.position(), "the case has no \"scenario\"");
    }
    return new ScenarioCase(id, source, scenario, expected, ignored);
  }
}
