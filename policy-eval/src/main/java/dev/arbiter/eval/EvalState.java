package dev.arbiter.eval;

import org.jspecify.annotations.Nullable;

/** Everything one evaluation reads, and its trace. Lives for one call; never shared. */
final class EvalState {
  final Request request;
  final Caller caller;
  final RequestContext context;
  final Trace trace;

  /** Whether the caller is an IAM principal with a permissions boundary (for NotPrincipal). */
  final boolean hasBoundary;

  /** A test's fault injector, called before each statement is matched; null outside tests. */
  final Evaluator.@Nullable Probe probe;

  EvalState(Request request, Trace trace, boolean hasBoundary, Evaluator.@Nullable Probe probe) {
    this.probe = probe;
    this.request = request;
    this.caller = request.caller();
    this.context = request.context();
    this.trace = trace;
    this.hasBoundary = hasBoundary;
  }
}
