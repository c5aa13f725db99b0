package dev.arbiter.eval.scenario;

import dev.arbiter.eval.Request;

/**
 * A request of a scenario with its id: the {@code id} of an entry of {@code "requests"}, or "" for
 * the single {@code "request"} of a scenario.
 *
 * @param id the id as written
 * @param request the request
 */
public record NamedRequest(String id, Request request) {}
