package dev.arbiter.bench;

import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.reason.CheckResult;
import dev.arbiter.reason.Reasoner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Reasoner.noNewAccess} on two identity policies of 30 statements each (the target:
 * under 100 ms median after warm-up): {@link #pass} compares a policy with the same statements in
 * another order (a proof), {@link #fail} with a copy in which one statement's resource is widened
 * to {@code *} (a counterexample, confirmed on the evaluator). Sample mode, so JMH reports the
 * median (p0.50): {@code java -jar policy-bench/target/benchmarks.jar ReasonBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReasonBench {
  private static final int STATEMENTS = 30;
  private static final String[] SERVICES = {"s3", "ec2", "iam", "kms", "sqs", "sns", "dynamodb"};
  private static final String[] VERBS = {"Get", "Put", "List", "Describe", "Delete", "Create"};

  private final Reasoner reasoner = Reasoner.create();
  private Policy reference = Policy.parse("{\"Statement\": []}");
  private Policy reordered = reference;
  private Policy widened = reference;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    List<String> statements = new ArrayList<>();
    for (int i = 0; i < STATEMENTS; i++) {
      statements.add(statement(random, i));
    }
    reference = policy(statements);
    List<String> shuffled = new ArrayList<>(statements);
    Collections.shuffle(shuffled, random);
    reordered = policy(shuffled);
    List<String> wider = new ArrayList<>(statements);
    wider.set(3, wider.get(3).replaceFirst("\"Resource\": \"[^\"]*\"", "\"Resource\": \"*\""));
    widened = policy(wider);
    check(pass(), CheckResult.Outcome.PASS);
    check(fail(), CheckResult.Outcome.FAIL);
  }

  private static void check(CheckResult result, CheckResult.Outcome wanted) {
    if (result.outcome() != wanted) {
      throw new IllegalStateException("expected " + wanted + ", got " + result);
    }
  }

  private static Policy policy(List<String> statements) {
    return Policy.parse(
        "{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(", ", statements) + "]}");
  }

  private static String statement(Random random, int i) {
    String service = SERVICES[random.nextInt(SERVICES.length)];
    String verb = VERBS[random.nextInt(VERBS.length)];
    String action =
        switch (random.nextInt(4)) {
          case 0 -> service + ":" + verb + "*";
          case 1 -> service + ":" + verb + "Thing" + i;
          case 2 ->
              "[\"" + service + ":" + verb + "A\", \"" + service + ":" + verb + "B" + i + "\"]";
          default -> service + ":*";
        };
    if (!action.startsWith("[")) {
      action = "\"" + action + "\"";
    }
    String resource =
        switch (random.nextInt(3)) {
          case 0 -> "arn:aws:" + service + ":*:111122223333:thing/team-" + i + "/*";
          case 1 -> "arn:aws:" + service + ":us-east-1:*:thing/?x" + i;
          default -> "arn:aws:" + service + ":::bucket-" + i + "/*";
        };
    String condition =
        switch (random.nextInt(5)) {
          case 0 ->
              ", \"Condition\": {\"StringEquals\": {\"aws:PrincipalTag/team\": \"t" + i + "\"}}";
          case 1 -> ", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"true\"}}";
          case 2 -> ", \"Condition\": {\"StringLike\": {\"s3:prefix\": \"home/" + i + "/*\"}}";
          default -> "";
        };
    String effect = random.nextInt(6) == 0 ? "Deny" : "Allow";
    return "{\"Effect\": \""
        + effect
        + "\", \"Action\": "
        + action
        + ", \"Resource\": \""
        + resource
        + "\""
        + condition
        + "}";
  }

  /** A proof: the same statements in another order grant nothing new. */
  @Benchmark
  public CheckResult pass() {
    return reasoner.noNewAccess(reference, reordered, PolicyType.IDENTITY);
  }

  /** A refutation: one statement widened to every resource. */
  @Benchmark
  public CheckResult fail() {
    return reasoner.noNewAccess(reference, widened, PolicyType.IDENTITY);
  }
}
