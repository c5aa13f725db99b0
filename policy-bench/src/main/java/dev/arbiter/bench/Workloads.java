package dev.arbiter.bench;

/** Sizes shared by the evaluator benchmarks. */
final class Workloads {
  /** Requests per benchmark invocation: the shared workload has exactly this many. */
  static final int BATCH = 10_000;

  private Workloads() {}
}
