package dev.arbiter.bench;

import dev.arbiter.policy.value.Glob;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Adversarial wildcards: {@code *a*a*a*a*a*a*a*b} against a long run of {@code a}, the pattern that
 * makes backtracking matchers exponential. Both of the glob's strategies are measured: pieces
 * (wildcards that match anything, as in Action and StringLike) and the bit-parallel NFA (wildcards
 * that stay inside an ARN segment, docs/semantics.md §4.6). Reported as sample time, so the output
 * has the median (p0.50).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WildcardBench {

  @Param({"10000"})
  public int length;

  private Glob anyReach = Glob.of("*");
  private Glob segmentReach = Glob.of("*");
  private String noMatch = "";
  private String match = "";
  private String scan = "";

  @Setup
  public void setUp() {
    anyReach = Glob.of("*a*a*a*a*a*a*a*b");
    Glob.Builder builder = Glob.builder();
    for (int i = 0; i < 7; i++) {
      builder.starInSegment().literal("a");
    }
    segmentReach = builder.starInSegment().literal("b").build();
    noMatch = "a".repeat(length);
    match = "a".repeat(length - 1) + "b";
    scan = "c".repeat(length - 1) + "b";
  }

  /** No match: the text ends in "a". */
  @Benchmark
  public boolean anyReachNoMatch() {
    return anyReach.matches(noMatch);
  }

  /** A match at the very end. */
  @Benchmark
  public boolean anyReachMatch() {
    return anyReach.matches(match);
  }

  /** No match, found only after reading the whole text: ends in "b" but holds no "a". */
  @Benchmark
  public boolean anyReachScan() {
    return anyReach.matches(scan);
  }

  /** The NFA strategy, no match: every character of the text is read. */
  @Benchmark
  public boolean segmentReachNoMatch() {
    return segmentReach.matches(noMatch);
  }

  /** The NFA strategy, a match at the very end. */
  @Benchmark
  public boolean segmentReachMatch() {
    return segmentReach.matches(match);
  }
}
