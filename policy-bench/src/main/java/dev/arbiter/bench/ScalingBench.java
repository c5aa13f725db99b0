package dev.arbiter.bench;

import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.Request;
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
 * How the cost of a decision grows with the size of the policy set: generated identity policies of
 * 60, 600 and 6,000 statements ({@link PolicyGenerator}, seeded), each against the same kind of
 * generated requests. Reported as nanoseconds per decision; compare the sizes by ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScalingBench {
  @Param({"60", "600", "6000"})
  public int statements;

  private Evaluator evaluator = Evaluator.of(dev.arbiter.eval.PolicySet.builder().build());
  private Request[] requests = new Request[0];

  @Setup
  public void setUp() {
    PolicyGenerator generator = new PolicyGenerator(20261204L);
    evaluator = Evaluator.of(generator.policySet(statements));
    requests = generator.requests(Workloads.BATCH);
  }

  /** One pass over the generated requests; one operation is one decision. */
  @Benchmark
  @OperationsPerInvocation(Workloads.BATCH)
  public void evaluate(Blackhole sink) {
    for (Request request : requests) {
      sink.consume(evaluator.evaluate(request));
    }
  }
}
