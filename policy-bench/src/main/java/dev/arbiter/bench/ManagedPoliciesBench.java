package dev.arbiter.bench;

import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.reason.CheckResult;
import dev.arbiter.reason.Reasoner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Reasoner.noNewAccess(p, p)} for every AWS managed policy of the shared corpus ({@code
 * ../shared/corpus/aws-managed}), in one process, with the default budget (10 s, 200,000 cubes per
 * check). One operation checks them all; the score is the total. Before the measurement, one pass
 * prints the summary (count, total, median, worst, the 15 slowest, how many ended inconclusive on
 * the budget and on unmodelled constructs): {@code java -jar policy-bench/target/benchmarks.jar
 * ManagedPoliciesBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class ManagedPoliciesBench {
  @Param({"../shared/corpus/aws-managed"})
  public String dir;

  private final Reasoner reasoner = Reasoner.create();
  private final List<Policy> policies = new ArrayList<>();
  private final List<String> names = new ArrayList<>();

  @Setup(Level.Trial)
  public void load() {
    Path path = Path.of(dir);
    if (!Files.isDirectory(path)) {
      throw new IllegalStateException(
          "folder " + path.toAbsolutePath() + " not found; pass -p dir=PATH");
    }
    try (Stream<Path> files = Files.list(path)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        try {
          policies.add(Policy.parse(Files.readString(file)));
          names.add(file.getFileName().toString());
        } catch (PolicyParseException e) {
          // not a policy Arbiter reads; the parse tests cover those
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    summary();
  }

  /** How many of the slowest policies the summary names. */
  private static final int SLOWEST = 15;

  /** One pass, timed policy by policy, printed. */
  private void summary() {
    List<Long> times = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    long worst = 0;
    String worstName = "";
    int budget = 0;
    int unmodelled = 0;
    int failed = 0;
    for (int i = 0; i < policies.size(); i++) {
      long start = System.nanoTime();
      CheckResult result =
          reasoner.noNewAccess(policies.get(i), policies.get(i), PolicyType.IDENTITY);
      long took = System.nanoTime() - start;
      times.add(took);
      order.add(i);
      if (took > worst) {
        worst = took;
        worstName = names.get(i);
      }
      if (result instanceof CheckResult.Inconclusive inconclusive) {
        if (inconclusive.cause().startsWith("budget:")) {
          budget++;
          System.out.println("budget: " + names.get(i) + ": " + inconclusive.cause());
        } else {
          unmodelled++;
        }
      } else if (result.outcome() == CheckResult.Outcome.FAIL) {
        failed++; // noNewAccess(p, p) must never fail
        System.out.println("FAIL (a bug): " + names.get(i));
      }
    }
    List<Long> each = List.copyOf(times);
    order.sort((a, b) -> Long.compare(each.get(b), each.get(a)));
    System.out.println("slowest:");
    for (int i : order.subList(0, Math.min(SLOWEST, order.size()))) {
      System.out.printf(Locale.ROOT, "  %8.1f ms  %s%n", each.get(i) / 1e6, names.get(i));
    }
    Collections.sort(times);
    long total = times.stream().mapToLong(Long::longValue).sum();
    System.out.printf(
        Locale.ROOT,
        "%n%d policies: total %.1f s, median %.1f ms, p90 %.1f ms, p99 %.0f ms, worst %.0f ms (%s);"
            + " inconclusive: %d on the budget, %d on unmodelled constructs; %d FAIL%n",
        times.size(),
        total / 1e9,
        times.get(times.size() / 2) / 1e6,
        times.get(times.size() * 9 / 10) / 1e6,
        times.get(times.size() * 99 / 100) / 1e6,
        worst / 1e6,
        worstName,
        budget,
        unmodelled,
        failed);
  }

  @Benchmark
  public int selfCheckAll() {
    int passed = 0;
    for (Policy policy : policies) {
      if (reasoner.noNewAccess(policy, policy, PolicyType.IDENTITY).outcome()
          == CheckResult.Outcome.PASS) {
        passed++;
      }
    }
    return passed;
  }
}
