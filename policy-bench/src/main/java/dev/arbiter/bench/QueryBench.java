package dev.arbiter.bench;

import dev.arbiter.account.AccountSnapshot;
import dev.arbiter.query.AccountModel;
import dev.arbiter.query.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
 * Account questions after loading: {@code who can iam:PassRole *} and {@code who can
 * ec2:RunInstances *} over every principal of the snapshot (a wildcard resource: some resource
 * matching it, split into regions per principal), {@code who can s3:GetObject} on one object (a
 * single request per principal, with the conditions on missing context keys where a decision may
 * turn on them), and {@code what can ROLE do} over the whole catalog. Each invocation starts from a
 * new {@link AccountModel} (the snapshot is loaded once), so the evaluators of every principal and
 * the splits of the pattern are computed inside the measured time: {@code java -jar
 * policy-bench/target/benchmarks.jar QueryBench -p account=PATH -p role=NAME}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class QueryBench {

  @Param({"../shared/accounts/cloudsplaining-example.json"})
  public String account;

  @Param({"MyRole"})
  public String role;

  private @Nullable AccountSnapshot snapshot;
  private @Nullable AccountModel model;

  @Setup(Level.Trial)
  public void load() {
    Path path = Path.of(account);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          "account " + path.toAbsolutePath() + " not found; pass -p account=PATH");
    }
    snapshot = AccountSnapshot.load(path);
  }

  @Setup(Level.Invocation)
  public void freshModel() {
    model = AccountModel.builder().account(Objects.requireNonNull(snapshot)).build();
  }

  @Benchmark
  public Answer.WhoCan whoCanPassRole() {
    return Objects.requireNonNull(model).whoCan("iam:PassRole", "*", Map.of());
  }

  @Benchmark
  public Answer.WhoCan whoCanRunInstancesOnStar() {
    return Objects.requireNonNull(model).whoCan("ec2:RunInstances", "*", Map.of());
  }

  @Benchmark
  public Answer.WhoCan whoCanGetObject() {
    return Objects.requireNonNull(model)
        .whoCan("s3:GetObject", "arn:aws:s3:::some-bucket/some-key", Map.of());
  }

  @Benchmark
  public Answer.WhatCan whatCanRole() {
    return Objects.requireNonNull(model)
        .whatCan("role/" + role, Optional.empty(), Optional.empty(), Map.of());
  }
}
