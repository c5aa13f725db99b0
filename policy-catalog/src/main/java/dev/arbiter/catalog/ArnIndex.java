package dev.arbiter.catalog;

import dev.arbiter.policy.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The compiled ARN formats of a catalog, grouped by the service their ARNs name and compiled per
 * group on first use, then shared by every thread. A format's compiled form depends only on the
 * other formats of its group (see {@link ArnMatcher}), since formats of different ARN services
 * never share a prefix.
 */
final class ArnIndex {
  /** ARN service ("" for formats whose service part is not literal) to the owning services. */
  private final Map<String, List<String>> owners;

  private final Map<String, Map<String, ArnMatcher>> groups = new ConcurrentHashMap<>();
  private volatile @Nullable Catalog catalog;

  ArnIndex(Map<String, List<String>> owners) {
    this.owners = Map.copyOf(owners);
  }

  void setCatalog(Catalog owner) {
    if (catalog != null) {
      throw new IllegalStateException("catalog already set");
    }
    catalog = owner;
  }

  private Catalog catalog() {
    Catalog c = catalog;
    if (c == null) {
      throw new IllegalStateException("catalog not set");
    }
    return c;
  }

  boolean matches(ResourceType type, ArnMatcher pattern) {
    for (String format : type.arnFormats()) {
      ArnMatcher compiled = group(serviceOf(format)).get(format);
      if (compiled == null) {
        throw new IllegalStateException("format not indexed: " + format);
      }
      if (compiled.intersects(pattern)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The resource types whose formats could match an ARN of the given service part: types of the
   * service with that prefix first, then other services' types with formats for it, in catalog
   * order. For "" (the pattern's service part is not literal) every resource type.
   */
  List<ResourceType> candidates(String arnService) {
    if (arnService.isEmpty()) {
      List<ResourceType> all = new ArrayList<>();
      for (Service service : catalog().services()) {
        all.addAll(service.resourceTypes());
      }
      return all;
    }
    Set<ResourceType> out = new LinkedHashSet<>();
    List<String> prefixes = owners.getOrDefault(arnService, List.of());
    for (String prefix : prefixes) {
      if (prefix.equals(arnService)) {
        addTypes(prefix, arnService, out);
      }
    }
    for (String prefix : prefixes) {
      addTypes(prefix, arnService, out);
    }
    return new ArrayList<>(out);
  }

  private void addTypes(String prefix, String arnService, Set<ResourceType> out) {
    for (ResourceType type : catalog().service(prefix).orElseThrow().resourceTypes()) {
      for (String format : type.arnFormats()) {
        if (serviceOf(format).equals(arnService)) {
          out.add(type);
          break;
        }
      }
    }
  }

  private Map<String, ArnMatcher> group(String arnService) {
    return groups.computeIfAbsent(arnService, this::compile);
  }

  private Map<String, ArnMatcher> compile(String arnService) {
    Map<String, List<ArnMatcher.Token>> tokenized = new HashMap<>();
    for (String prefix : owners.getOrDefault(arnService, List.of())) {
      for (ResourceType type : catalog().service(prefix).orElseThrow().resourceTypes()) {
        for (String format : type.arnFormats()) {
          if (serviceOf(format).equals(arnService)) {
            tokenized.computeIfAbsent(format, ArnMatcher::tokenize);
          }
        }
      }
    }
    Map<String, String> continuations = continuations(tokenized.values());
    Map<String, ArnMatcher> out = new HashMap<>();
    for (Map.Entry<String, List<ArnMatcher.Token>> entry : tokenized.entrySet()) {
      out.put(entry.getKey(), ArnMatcher.forFormat(entry.getValue(), continuations));
    }
    return Map.copyOf(out);
  }

  /**
   * For each format that ends in a placeholder, the characters with which other formats continue
   * after the same prefix (see {@link ArnMatcher}).
   */
  private static Map<String, String> continuations(Iterable<List<ArnMatcher.Token>> formats) {
    Set<String> endings = new HashSet<>();
    for (List<ArnMatcher.Token> tokens : formats) {
      if (!tokens.isEmpty()
          && tokens.get(tokens.size() - 1).kind() == ArnMatcher.Token.PLACEHOLDER) {
        endings.add(ArnMatcher.prefixKey(tokens, tokens.size()));
      }
    }
    Map<String, String> out = new HashMap<>();
    for (List<ArnMatcher.Token> tokens : formats) {
      StringBuilder key = new StringBuilder();
      for (int i = 0; i < tokens.size(); i++) {
        ArnMatcher.Token token = tokens.get(i);
        key.append(token.key());
        if (token.kind() != ArnMatcher.Token.PLACEHOLDER || i + 1 == tokens.size()) {
          continue;
        }
        ArnMatcher.Token next = tokens.get(i + 1);
        String prefix = key.toString();
        if (next.kind() == ArnMatcher.Token.LITERAL && endings.contains(prefix)) {
          String chars = out.getOrDefault(prefix, "");
          if (chars.indexOf(next.literal()) < 0) {
            out.put(prefix, chars + next.literal());
          }
        }
      }
    }
    return out;
  }

  /**
   * The service part of a format, or "" if it is not literal (a placeholder or wildcard) or the
   * text has too few parts.
   */
  static String serviceOf(String format) {
    int first = format.indexOf(':');
    int second = first < 0 ? -1 : format.indexOf(':', first + 1);
    int third = second < 0 ? -1 : format.indexOf(':', second + 1);
    if (third < 0) {
      return "";
    }
    String service = format.substring(second + 1, third);
    boolean literal =
        service.indexOf('*') < 0 && service.indexOf('?') < 0 && service.indexOf('$') < 0;
    return literal ? service : "";
  }

  /**
   * The service part of an ARN pattern, or "" if a wildcard or variable comes before its end or the
   * pattern has too few parts.
   */
  static String serviceOf(Template pattern) {
    StringBuilder text = new StringBuilder();
    for (Template.Part part : pattern.parts()) {
      if (!(part instanceof Template.Literal literal)) {
        break;
      }
      text.append(literal.text());
    }
    int first = text.indexOf(":");
    int second = first < 0 ? -1 : text.indexOf(":", first + 1);
    int third = second < 0 ? -1 : text.indexOf(":", second + 1);
    return third < 0 ? "" : text.substring(second + 1, third);
  }
}
