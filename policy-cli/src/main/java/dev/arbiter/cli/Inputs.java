package dev.arbiter.cli;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Expands the FILE|DIR|- arguments of a command into the list of inputs to read: a directory
 * becomes its {@code *.json} files, recursively, in a stable (sorted) order.
 */
final class Inputs {
  private Inputs() {}

  /** One input: a file, or standard input when {@code path} is "-". */
  record Input(String name, Path path, boolean stdin) {}

  /** A problem found while listing inputs: a missing path, a directory without policies. */
  record Problem(String name, String message) {}

  static List<Input> expand(List<String> arguments, List<Problem> problems) throws IOException {
    List<Input> inputs = new ArrayList<>();
    for (String argument : arguments) {
      if (argument.equals("-")) {
        inputs.add(new Input("<stdin>", Path.of("-"), true));
        continue;
      }
      Path path = Path.of(argument);
      if (Files.isDirectory(path)) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(path, FileVisitOption.FOLLOW_LINKS)) {
          files =
              walk.filter(
                      p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                  .filter(p -> !Files.isDirectory(p))
                  .sorted()
                  .toList();
        }
        if (files.isEmpty()) {
          problems.add(new Problem(argument, "directory holds no *.json files"));
        }
        files.forEach(f -> inputs.add(new Input(f.toString(), f, false)));
      } else if (Files.exists(path)) {
        inputs.add(new Input(argument, path, false));
      } else if (Files.isSymbolicLink(path)) {
        problems.add(new Problem(argument, "broken symbolic link"));
      } else {
        problems.add(new Problem(argument, "no such file or directory"));
      }
    }
    return inputs;
  }
}
