package dev.arbiter.lint.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The curated data of the risk checks, read from bundled resources: the privilege-escalation paths
 * ({@code privesc-paths.tsv}, from DataDog pathfinding.cloud) and the credential and data action
 * lists ({@code sensitive-actions.txt}). Each resource names its sources.
 */
final class RiskData {
  private RiskData() {}

  /**
   * One privilege-escalation path: the actions that together let a principal gain privilege.
   *
   * @param id the path's pathfinding.cloud id, such as {@code ec2-001}
   * @param category its category, such as {@code new-passrole}
   * @param actions the required actions, as AWS spells them
   */
  record Path(String id, String category, List<String> actions) {
    Path {
      actions = List.copyOf(actions);
    }
  }

  static final List<Path> PATHS = paths();
  private static final Map<String, List<String>> ACTION_LISTS = lists();

  /** Actions that create or reveal credentials of other users or resources. */
  static final List<String> CREDENTIAL_ACTIONS = list("credentials-exposure");

  /** Actions that read stored data or secrets. */
  static final List<String> DATA_ACTIONS = list("data-exfiltration");

  private static List<String> list(String category) {
    List<String> actions = ACTION_LISTS.get(category);
    if (actions == null) {
      throw new IllegalStateException("sensitive-actions.txt has no [" + category + "]");
    }
    return actions;
  }

  private static List<String> lines(String resource) {
    List<String> out = new ArrayList<>();
    try (InputStream in = RiskData.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not bundled");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        int hash = line.indexOf('#');
        String text = (hash < 0 ? line : line.substring(0, hash)).strip();
        if (!text.isEmpty()) {
          out.add(text);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    return out;
  }

  private static List<Path> paths() {
    List<Path> out = new ArrayList<>();
    for (String line : lines("privesc-paths.tsv")) {
      String[] fields = line.split("\t", -1);
      if (fields.length != 3) {
        throw new IllegalStateException("privesc-paths.tsv: bad line: " + line);
      }
      out.add(new Path(fields[0], fields[1], List.of(fields[2].split(",", -1))));
    }
    return List.copyOf(out);
  }

  private static Map<String, List<String>> lists() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : lines("sensitive-actions.txt")) {
      if (line.startsWith("[") && line.endsWith("]")) {
        current = new ArrayList<>();
        out.put(line.substring(1, line.length() - 1), current);
      } else if (current == null) {
        throw new IllegalStateException("sensitive-actions.txt: action before a [category]");
      } else {
        current.add(line);
      }
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    out.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return Map.copyOf(copy);
  }
}
