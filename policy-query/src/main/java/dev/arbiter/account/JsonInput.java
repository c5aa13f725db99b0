package dev.arbiter.account;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.PolicyProblem;
import dev.arbiter.policy.PolicyType;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading helpers that name the file and JSON pointer in every error. */
final class JsonInput {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** Largest input file, in bytes; the biggest real snapshots are a few megabytes. */
  static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

  /**
   * Deepest object whose place in the text is kept: policy documents sit at most five levels down
   * (/RoleDetailList/0/RolePolicyList/0/PolicyDocument).
   */
  private static final int MAX_SPAN_DEPTH = 8;

  /** The pointer of every container below {@link #MAX_SPAN_DEPTH}; no real pointer is "#". */
  private static final String DEEP = "#";

  /** Most padding put before a document so that its positions are the file's (see below). */
  private static final int MAX_PADDING = 256 * 1024;

  private final String source;
  private final String text;
  private final Map<String, Span> spans;
  private final JsonNode root;

  /** Where an object value starts and ends in the file's text. */
  private record Span(int start, int end, int line, int column) {}

  private JsonInput(String source, String text, Map<String, Span> spans, JsonNode root) {
    this.source = source;
    this.text = text;
    this.spans = spans;
    this.root = root;
  }

  /** An input for error messages only, over an already-read tree. */
  JsonInput(String source) {
    this(source, "", Map.of(), MAPPER.nullNode());
  }

  /**
   * Reads a file: its tree, and the place of every object in it, so that policy documents are
   * parsed where they stand and explanations give line numbers of the user's file.
   */
  static JsonInput load(Path file) {
    String text;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new AccountLoadException(file + ": larger than " + MAX_FILE_BYTES + " bytes");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new AccountLoadException(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new AccountLoadException(file + ": cannot read: " + e.getMessage());
    }
    try {
      JsonNode tree = MAPPER.readTree(text);
      if (tree == null) {
        throw new AccountLoadException(file + ": empty file");
      }
      return new JsonInput(file.toString(), text, spans(text), tree);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new AccountLoadException(file + where + ": not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new AccountLoadException(file + ": cannot read: " + e.getMessage());
    }
  }

  JsonNode root() {
    return root;
  }

  /** A container being read: its pointer, where it starts, and (for arrays) the next index. */
  private static final class Frame {
    final String pointer;
    final boolean array;
    final int start;
    final int line;
    final int column;
    int next;

    Frame(String pointer, boolean array, JsonLocation at) {
      this.pointer = pointer;
      this.array = array;
      this.start = (int) at.getCharOffset();
      this.line = at.getLineNr();
      this.column = at.getColumnNr();
    }
  }

  /** The span of every object in {@code text}, by the pointer {@link #error} messages use. */
  private static Map<String, Span> spans(String text) throws IOException {
    Map<String, Span> spans = new HashMap<>();
    Deque<Frame> open = new ArrayDeque<>();
    try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME) {
          continue;
        }
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          Frame frame = open.pop();
          if (!frame.array && !frame.pointer.equals(DEEP)) {
            int end = (int) parser.currentTokenLocation().getCharOffset();
            spans.put(frame.pointer, new Span(frame.start, end, frame.line, frame.column));
          }
          continue;
        }
        Frame parent = open.peek();
        String pointer;
        if (parent == null) {
          pointer = "";
        } else if (open.size() > MAX_SPAN_DEPTH) {
          // No policy document lies this deep; building every pointer of a deep document would
          // take memory quadratic in its depth.
          pointer = DEEP;
        } else if (parent.array) {
          pointer = parent.pointer + "/" + parent.next++;
        } else {
          pointer = parent.pointer + "/" + parser.currentName();
        }
        if (token.isStructStart()) {
          open.push(
              new Frame(pointer, token == JsonToken.START_ARRAY, parser.currentTokenLocation()));
        }
      }
    }
    return spans;
  }

  AccountLoadException error(String pointer, String message) {
    return new AccountLoadException(
        source + " at " + clip(pointer, 200) + ": " + clip(message, 600));
  }

  /** {@code text} cut to {@code max} characters, so that an error never echoes a huge name. */
  static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
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

  /**
   * The document's own text, preceded by as many line breaks and spaces as put it at its line and
   * column, so the policy's positions are positions in the file. Empty when the document's place is
   * unknown or too far down a huge file.
   */
  private Optional<String> placed(String pointer) {
    Span span = spans.get(pointer);
    if (span == null || span.end() < span.start() || span.end() >= text.length()) {
      return Optional.empty();
    }
    int padding = (span.line() - 1) + (span.column() - 1);
    if (padding > MAX_PADDING) {
      return Optional.empty();
    }
    return Optional.of(
        "\n".repeat(span.line() - 1)
            + " ".repeat(span.column() - 1)
            + text.substring(span.start(), span.end() + 1));
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
   * URL-encoded; the AWS CLI decodes them), valid as {@code type} (see {@link #valid}).
   */
  Policy policy(JsonNode document, String pointer, String fullWhat, PolicyType type) {
    return valid(policy(document, pointer, fullWhat), type, pointer, fullWhat);
  }

  /**
   * {@code policy} if it is valid as {@code type}. AWS stores only valid documents, so one that is
   * not is refused when it is read, naming its first problem, rather than failing every question
   * that reaches it later.
   */
  Policy valid(Policy policy, PolicyType type, String pointer, String fullWhat) {
    List<PolicyProblem> problems = policy.validate(type);
    if (!problems.isEmpty()) {
      String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
      throw error(
          pointer,
          clip(fullWhat, 120)
              + " is not valid as "
              + type.cliName()
              + " policy: "
              + problems.get(0)
              + more);
    }
    return policy;
  }

  /** A policy document as {@link #policy(JsonNode, String, String, PolicyType)}, not validated. */
  Policy policy(JsonNode document, String pointer, String fullWhat) {
    String what = clip(fullWhat, 120);
    String documentText;
    if (document.isObject()) {
      documentText = placed(pointer).orElseGet(document::toString);
    } else if (document.isTextual()) {
      String raw = document.asText();
      try {
        documentText =
            raw.trim().startsWith("{") ? raw : URLDecoder.decode(raw, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) { // a '%' not followed by two hex digits
        throw error(pointer, what + ": not a JSON object nor a URL-encoded policy document");
      }
    } else {
      throw error(pointer, what + ": expected a policy document");
    }
    try {
      return Policy.parse(documentText);
    } catch (PolicyParseException e) {
      throw error(pointer, what + ": " + e.getMessage());
    }
  }
}
