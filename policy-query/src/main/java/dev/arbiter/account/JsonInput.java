package dev.arbiter.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading helpers that name the file and JSON pointer in every error. */
final class JsonInput {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** Largest input file, in bytes; the biggest real snapshots are a few megabytes. */
  static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

  private final String source;

  JsonInput(String source) {
    this.source = source;
  }

  static JsonNode readFile(Path file) {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new AccountLoadException(file + ": larger than " + MAX_FILE_BYTES + " bytes");
      }
      return MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new AccountLoadException(
          file
              + ":"
              + e.getLocation().getLineNr()
              + ":"
              + e.getLocation().getColumnNr()
              + ": not valid JSON: "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw new AccountLoadException(file + ": cannot read: " + e.getMessage());
    }
  }

  AccountLoadException error(String pointer, String message) {
    return new AccountLoadException(source + " at " + pointer + ": " + message);
  }

  JsonNode object(JsonNode node, String pointer) {
    if (!node.isObject()) {
      throw error(
          pointer,
          "expected an object, got "
              + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    return node;
  }

  String text(JsonNode parent, String field, String pointer) {
    JsonNode value = parent.get(field);
    if (value == null || !value.isTextual()) {
      throw error(pointer + "/" + field, "expected a string");
    }
    return value.asText();
  }

  String optionalText(JsonNode parent, String field, String fallback) {
    JsonNode value = parent.get(field);
    return value != null && value.isTextual() ? value.asText() : fallback;
  }

  List<JsonNode> array(JsonNode parent, String field, String pointer) {
    JsonNode value = parent.get(field);
    List<JsonNode> out = new ArrayList<>();
    if (value == null || value.isNull()) {
      return out;
    }
    if (!value.isArray()) {
      throw error(pointer + "/" + field, "expected an array");
    }
    value.forEach(out::add);
    return out;
  }

  /** AWS tags, {@code [{"Key": k, "Value": v}]}. */
  Map<String, String> tags(JsonNode parent, String pointer) {
    Map<String, String> tags = new LinkedHashMap<>();
    List<JsonNode> list = array(parent, "Tags", pointer);
    for (int i = 0; i < list.size(); i++) {
      JsonNode tag = list.get(i);
      tags.put(text(tag, "Key", pointer + "/Tags/" + i), optionalText(tag, "Value", ""));
    }
    return tags;
  }

  /**
   * A policy document embedded as a JSON object, or as a string (the IAM API returns documents
   * URL-encoded; the AWS CLI decodes them).
   */
  Policy policy(JsonNode document, String pointer, String what) {
    String text;
    if (document.isObject()) {
      text = document.toString();
    } else if (document.isTextual()) {
      String raw = document.asText();
      text = raw.trim().startsWith("{") ? raw : URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } else {
      throw error(pointer, what + ": expected a policy document");
    }
    try {
      return Policy.parse(text);
    } catch (PolicyParseException e) {
      throw error(pointer, what + ": " + e.getMessage());
    }
  }
}
