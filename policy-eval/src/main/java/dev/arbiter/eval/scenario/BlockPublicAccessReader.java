package dev.arbiter.eval.scenario;

import static dev.arbiter.eval.scenario.Members.error;

import dev.arbiter.eval.S3BlockPublicAccess;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.json.Json;
import java.util.List;

/**
 * Reads a scenario's {@code "s3BlockPublicAccess"} (docs/scenario.md): {@code {"account":
 * {"restrictPublicBuckets": true}, "bucket": {...}}}. Each level and each setting may be left out
 * or null (off). The other settings of S3's PublicAccessBlockConfiguration are accepted as booleans
 * and change no decision (docs/semantics.md §9.13).
 */
final class BlockPublicAccessReader {
  private static final List<String> LEVELS = List.of("account", "bucket");
  private static final List<String> SETTINGS =
      List.of("restrictPublicBuckets", "blockPublicPolicy", "blockPublicAcls", "ignorePublicAcls");

  private BlockPublicAccessReader() {}

  static S3BlockPublicAccess settings(Json value, JsonPointer at) {
    if (value instanceof Json.Null) {
      return S3BlockPublicAccess.OFF;
    }
    Json.Obj object =
        Members.object(
            value, at, "\"s3BlockPublicAccess\" must be an object with \"account\" and \"bucket\"");
    boolean account = false;
    boolean bucket = false;
    for (Json.Member member : object.members()) {
      JsonPointer pointer = at.child(member.name());
      switch (member.name()) {
        case "account" -> account = restrictPublicBuckets(member.value(), pointer, "account");
        case "bucket" -> bucket = restrictPublicBuckets(member.value(), pointer, "bucket");
        default -> throw Members.unknown(member, pointer, LEVELS, "\"s3BlockPublicAccess\"");
      }
    }
    return new S3BlockPublicAccess(account, bucket);
  }

  /** One level's settings; only RestrictPublicBuckets bears on a decision. */
  private static boolean restrictPublicBuckets(Json value, JsonPointer at, String level) {
    if (value instanceof Json.Null) {
      return false;
    }
    if (!(value instanceof Json.Obj object)) {
      throw error(
          at,
          value.position(),
          "the "
              + level
              + "'s settings must be an object such as {\"restrictPublicBuckets\": true}, got "
              + value.describe());
    }
    boolean restrict = false;
    for (Json.Member member : object.members()) {
      JsonPointer pointer = at.child(member.name());
      switch (member.name()) {
        case "restrictPublicBuckets" -> restrict = setting(member.value(), pointer);
        case "blockPublicPolicy", "blockPublicAcls", "ignorePublicAcls" ->
            setting(member.value(), pointer);
        default ->
            throw Members.unknown(
                member, pointer, SETTINGS, "the " + level + "'s S3 Block Public Access settings");
      }
    }
    return restrict;
  }

  private static boolean setting(Json value, JsonPointer at) {
    return !(value instanceof Json.Null) && Members.bool(value, at);
  }
}
