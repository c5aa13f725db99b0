package dev.arbiter.policy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A statement's {@code Principal} or {@code NotPrincipal} element: either the string {@code "*"}
 * ({@link #wildcard()}), or an object of {@link PrincipalType} keys to lists of values. An empty
 * object, or empty lists, match nothing.
 *
 * @param negated true for {@code NotPrincipal}
 * @param wildcard true when the element is the string {@code "*"} (then {@code values} is empty)
 * @param values the listed principals by key, as written (a key may map to an empty list)
 * @param location the element
 */
public record Principals(
    boolean negated,
    boolean wildcard,
    Map<PrincipalType, List<Principal>> values,
    SourceLocation location) {

  /** Copies the map and checks that a wildcard element lists nothing else. */
  public Principals {
    EnumMap<PrincipalType, List<Principal>> copy = new EnumMap<>(PrincipalType.class);
    values.forEach((type, list) -> copy.put(type, List.copyOf(list)));
    values = Map.copyOf(copy);
    if (wildcard && !values.isEmpty()) {
      throw new IllegalArgumentException("\"Principal\": \"*\" cannot list values");
    }
  }

  /** Every listed principal, grouped by key in {@link PrincipalType} order. */
  public List<Principal> all() {
    List<Principal> out = new ArrayList<>();
    for (PrincipalType type : PrincipalType.values()) {
      out.addAll(values.getOrDefault(type, List.of()));
    }
    return out;
  }

  /** The values listed under {@code type}, or an empty list. */
  public List<Principal> of(PrincipalType type) {
    return values.getOrDefault(type, List.of());
  }

  /** The JSON element name: {@code Principal} or {@code NotPrincipal}. */
  public String elementName() {
    return negated ? "NotPrincipal" : "Principal";
  }
}
