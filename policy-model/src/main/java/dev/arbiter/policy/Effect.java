package dev.arbiter.policy;

import java.util.Optional;

/** The {@code Effect} of a statement. Written exactly {@code Allow} or {@code Deny} in JSON. */
public enum Effect {
  /** The statement grants what it matches. */
  ALLOW("Allow"),
  /** The statement denies what it matches; an explicit deny overrides every allow. */
  DENY("Deny");

  private final String json;

  Effect(String json) {
    this.json = json;
  }

  /** The value as written in JSON. */
  public String json() {
    return json;
  }

  /** The effect written exactly (case-sensitively) as {@code text}. */
  public static Optional<Effect> fromJson(String text) {
    for (Effect effect : values()) {
      if (effect.json.equals(text)) {
        return Optional.of(effect);
      }
    }
    return Optional.empty();
  }
}
