package dev.arbiter.cli;

import dev.arbiter.policy.Policy;
import dev.arbiter.policy.json.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Expands the FILE|DIR|- arguments of a command into the list of inputs to read: a directory
 * becomes its {@code *.json} files, recursively, in a stable (sorted) order. Whatever cannot be
 * listed or read (a missing path, a broken link, an unreadable directory, a directory without
 * policies) becomes a {@link Problem}, and the rest goes on.
 */
final class Inputs {
  private Inputs() {}

  /** One input: a file, or standard input when {@code path} is "-". */
  record Input(String name, Path path, boolean stdin) {}

  /** A problem found while listing inputs: a missing path, a directory without policies. */
  record Problem(String name, String message) {}

  /** An input that holds no policy text: unreadable, empty, binary or not UTF-8. */
  static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    Unusable(String reason) {
      super(reason);
    }

    /** Why, in a few words; never null. */
    String reason() {
      String message = getMessage();
      return message == null ? "unusable input" : message;
    }
  }

  static List<Input> expand(List<String> arguments, List<Problem> problems) {
    List<Input> inputs = new ArrayList<>();
    for (String argument : arguments) {
      if (argument.equals("-")) {
        inputs.add(new Input("<stdin>", Path.of("-"), true));
        continue;
      }
      Path path = Path.of(argument);
      if (Files.isDirectory(path)) {
        int before = inputs.size();
        walk(path, inputs, problems);
        if (inputs.size() == before) {
          problems.add(new Problem(argument, "directory holds no *.json files"));
        }
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

  /** Adds the regular {@code *.json} files under {@code root}, sorted; problems for the rest. */
  private static void walk(Path root, List<Input> inputs, List<Problem> problems) {
    List<Path> files = new ArrayList<>();
    List<Problem> found = new ArrayList<>();
    SimpleFileVisitor<Path> visitor =
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
              return FileVisitResult.CONTINUE;
            }
            if (attributes.isSymbolicLink()) {
              // Links are followed, so a link seen as itself points nowhere.
              found.add(new Problem(file.toString(), "broken symbolic link"));
            } else if (attributes.isRegularFile()) {
              files.add(file);
            } else {
              found.add(new Problem(file.toString(), "not a regular file"));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            String reason =
                e instanceof FileSystemLoopException
                    ? "symbolic link loop; not followed"
                    : "cannot read: " + Messages.describe(e);
            found.add(new Problem(file.toString(), reason));
            return FileVisitResult.CONTINUE;
          }
        };
    try {
      Files.walkFileTree(
          root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, visitor);
    } catch (IOException e) { // the visitor never stops the walk, so only the root can fail
      found.add(new Problem(root.toString(), "cannot read: " + Messages.describe(e)));
    }
    files.sort(null);
    files.forEach(f -> inputs.add(new Input(f.toString(), f, false)));
    found.sort((a, b) -> a.name().compareTo(b.name()));
    problems.addAll(found);
  }

  /**
   * Reads an input, up to one byte past {@link Policy#MAX_DOCUMENT_BYTES} (enough for the parser to
   * report it as too large).
   *
   * @throws Unusable if it cannot be read, is empty, is binary (holds a zero byte) or is not UTF-8
   */
  static byte[] read(Input input) throws Unusable {
    byte[] bytes;
    try {
      if (input.stdin()) {
        bytes = System.in.readNBytes(Policy.MAX_DOCUMENT_BYTES + 1);
      } else {
        try (InputStream in = Files.newInputStream(input.path())) {
          bytes = in.readNBytes(Policy.MAX_DOCUMENT_BYTES + 1);
        }
      }
    } catch (IOException e) {
      throw new Unusable("cannot read: " + Messages.describe(e));
    }
    if (blank(bytes)) {
      throw new Unusable("empty file; a policy is a JSON object");
    }
    boolean utf16 =
        bytes.length >= 2
            && (((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF)
                || ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE));
    if (utf16) {
      return bytes; // the parser says it is UTF-16 and that policies are UTF-8
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new Unusable("binary file (a zero byte at offset " + i + "); a policy is JSON text");
      }
    }
    if (bytes.length <= Policy.MAX_DOCUMENT_BYTES) { // a longer read may end mid-character
      int bad = Utf8.firstInvalid(bytes);
      if (bad >= 0) {
        throw new Unusable("not UTF-8 text (invalid byte at offset " + bad + ")");
      }
    }
    return bytes;
  }

  private static boolean blank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
