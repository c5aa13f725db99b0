package dev.arbiter.lint.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * AWS partitions and their Region codes, from the curated resource {@code aws-regions.txt} (which
 * names its sources and date). The service catalog has no Region list, so this is the one piece of
 * the ARN and Region checks that is maintained by hand.
 */
final class AwsRegions {
  private AwsRegions() {}

  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Map<String, String> PARTITION_OF_REGION = new HashMap<>();
  private static final Set<String> PARTITIONS = load();

  private static Set<String> load() {
    java.util.HashSet<String> partitions = new java.util.HashSet<>();
    try (InputStream in = AwsRegions.class.getResourceAsStream("aws-regions.txt")) {
      if (in == null) {
        throw new IllegalStateException("aws-regions.txt is not bundled");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        String[] words = SPACES.split(text, -1);
        partitions.add(words[0]);
        for (int i = 1; i < words.length; i++) {
          PARTITION_OF_REGION.put(words[i], words[0]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read aws-regions.txt", e);
    }
    return Set.copyOf(partitions);
  }

  /** Whether {@code partition} is an AWS partition, such as {@code aws} or {@code aws-cn}. */
  static boolean isPartition(String partition) {
    return PARTITIONS.contains(partition);
  }

  /** The partition of a Region code, if it is one. */
  static Optional<String> partitionOf(String region) {
    return Optional.ofNullable(PARTITION_OF_REGION.get(region));
  }

  /** Whether {@code region} is a Region code such as {@code us-east-1}. */
  static boolean isRegion(String region) {
    return PARTITION_OF_REGION.containsKey(region);
  }
}
