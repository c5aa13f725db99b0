package dev.arbiter.bench;

import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.NamedRequest;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.Scenario;
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
 * Decisions per second over a scenario with many requests (by default the shared benchmark
 * workload, {@code ../shared/bench/workload.json}, 10,000 requests): {@code java -jar
 * policy-bench/target/benchmarks.jar EvaluatorBench -p scenario=PATH}. Each operation is one
 * decision.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvaluatorBench {
  private static final int BATCH = 10_000;

  @Param({"../shared/bench/workload.json"})
  public String scenario;

  private Evaluator evaluator = Evaluator.of(PolicySet.builder().build());
  private Request[] requests = new Request[0];

  @Setup
  public void setUp() throws IOException {
    Path path = Path.of(scenario);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          "scenario " + path.toAbsolutePath() + " not found; pass -p scenario=PATH");
    }
    Scenario parsed = Scenario.read(path);
    evaluator = parsed.evaluator();
    requests = new Request[BATCH];
    for (int i = 0; i < BATCH; i++) {
      NamedRequest entry = parsed.requests().get(i % parsed.requests().size());
      requests[i] = entry.request();
    }
  }

  /** One pass over the requests. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void evaluate(Blackhole sink) {
    for (Request request : requests) {
      Decision decision = evaluator.evaluate(request);
      sink.consume(decision);
    }
  }
}
