package dev.arbiter.bench;

import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Parsing a whole corpus of policy files in-process, the files already read into memory: {@code
 * java -jar policy-bench/target/benchmarks.jar ParseBench -p corpus=DIR} (by default the team's
 * shared corpus of 2,936 real policies). One operation parses every file once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ParseBench {

  @Param({"../shared/corpus"})
  public String corpus;

  private final List<byte[]> documents = new ArrayList<>();

  @Setup
  public void read() throws IOException {
    Path dir = Path.of(corpus);
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "corpus " + dir.toAbsolutePath() + " not found; pass -p corpus=DIR");
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        documents.add(Files.readAllBytes(file));
      }
    }
  }

  @Benchmark
  public int parseCorpus() {
    int statements = 0;
    for (byte[] document : documents) {
      try {
        statements += Policy.parse(document).statements().size();
      } catch (PolicyParseException e) {
        statements--;
      }
    }
    return statements;
  }
}
