package dev.arbiter.bench;

import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.scenario.NamedRequest;
import dev.arbiter.eval.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decisions over a scenario with many requests (by default the shared benchmark workload, {@code
 * ../shared/bench/workload.json}, 10,000 requests), the requests built beforehand: {@code java -jar
 * policy-bench/target/benchmarks.jar EvaluatorBench -p scenario=PATH}, or {@code bin/bench-eval}.
 *
 * <p>{@link #evaluate} is the throughput (one operation is one decision; with {@code -prof gc},
 * {@code gc.alloc.rate.norm} is the bytes allocated per decision). {@link #latency} samples single
 * decisions, request after request, for the percentiles (p50, p99).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvaluatorBench {
  @Param({"../shared/bench/workload.json"})
  public String scenario;

  private Evaluator evaluator = Evaluator.of(dev.arbiter.eval.PolicySet.builder().build());
  private Request[] requests = new Request[0];
  private int next;

  @Setup
  public void setUp() throws IOException {
    Path path = Path.of(scenario);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          "scenario " + path.toAbsolutePath() + " not found; pass -p scenario=PATH");
    }
    Scenario parsed = Scenario.read(path);
    evaluator = parsed.evaluator();
    requests = parsed.requests().stream().map(NamedRequest::request).toArray(Request[]::new);
    if (requests.length != Workloads.BATCH) {
      throw new IllegalStateException(
          "scenario " + path + " has " + requests.length + " requests, not " + Workloads.BATCH);
    }
  }

  /** One pass over every request of the scenario; one operation is one decision. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(Workloads.BATCH)
  public void evaluate(Blackhole sink) {
    for (Request request : requests) {
      sink.consume(evaluator.evaluate(request));
    }
  }

  /** One decision per call, the requests in turn: sampled, for the latency percentiles. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Decision latency() {
    Request request = requests[next];
    next = next + 1 == requests.length ? 0 : next + 1;
    return evaluator.evaluate(request);
  }
}
