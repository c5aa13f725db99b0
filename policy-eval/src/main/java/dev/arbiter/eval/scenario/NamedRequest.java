package dev.arbiter.eval.scenario;

import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Request;
import java.util.Optional;

/**
 * A request of a scenario with its id: the {@code id} of an entry of {@code "requests"}, or "" for
 * the single {@code "request"} of a scenario.
 *
 * @param id the id as written
 * @param request the request
 * @param expected the entry's {@code "expect"}: the decision a policy test expects
 *     (docs/scenario.md, Policy tests)
 */
public record NamedRequest(String id, Request request, Optional<Decision> expected) {

  /** A request without an expected decision. */
  public NamedRequest(String id, Request request) {
    this(id, request, Optional.empty());
  }
}
