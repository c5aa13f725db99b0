package dev.arbiter.cli;

import dev.arbiter.lint.config.LintConfig;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReadException;
import dev.arbiter.policy.json.JsonReader;
import dev.arbiter.policy.json.Limits;
import dev.arbiter.policy.json.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import java.util.Optional;
import java.util.Set;

/**
 * Expands the FILE|DIR|- arguments of a command into the list of inputs to read: a directory
 * becomes its {@code *.json} files (and {@code *.yaml}, {@code *.yml}, which only templates are
 * read from), recursively, in a stable (sorted) order, less those a {@link Filter} excludes.
 * Whatever cannot be listed or read (a missing path, a broken link, an unreadable directory, a
 * directory without policies) becomes a {@link Problem}, and the rest goes on.
 */
final class Inputs {
  private Inputs() {}

  /**
   * One input: a file, or standard input when {@code path} is "-".
   *
   * @param found whether it was found by searching a directory, rather than named by the user; only
   *     found files are skipped when they are not policies
   */
  record Input(String name, Path path, boolean stdin, boolean found) {}

  /** What the arguments expand to: the inputs, and the problems met while listing them. */
  record Listing(List<Input> inputs, List<Problem> problems) {}

  /** Files and directories that a directory search leaves out: {@code --exclude} and config. */
  record Filter(List<LintConfig.Exclude> excludes) {
    Filter {
      excludes = List.copyOf(excludes);
    }

    /**
     * The command line's globs, relative to the working directory, and the configuration's.
     *
     * @throws picocli.CommandLine.ParameterException if a {@code --exclude} glob is not valid
     */
    static Filter of(
        picocli.CommandLine command, List<String> globs, List<LintConfig.Exclude> configured) {
      List<LintConfig.Exclude> all = new ArrayList<>();
      for (String glob : globs) {
        try {
          all.add(new LintConfig.Exclude(glob, Path.of("")));
        } catch (IllegalArgumentException e) {
          throw new picocli.CommandLine.ParameterException(
              command, "invalid --exclude '" + glob + "': " + e.getMessage());
        }
      }
      all.addAll(configured);
      return new Filter(all);
    }

    boolean excludes(Path path) {
      String name = path.toString();
      for (LintConfig.Exclude exclude : excludes) {
        if (exclude.matches(name)) {
          return true;
        }
      }
      return false;
    }
  }

  /** A problem found while listing inputs: a missing path, a directory without policies. */
  record Problem(String name, String message) {}

  /**
   * An input that holds no text to read: unreadable, binary or not UTF-8. (An empty file is text;
   * the parser reports it as an empty document, an ERROR finding, when it is named explicitly.)
   */
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

  /**
   * The inputs the arguments name. A file named explicitly is always an input; {@code filter}
   * applies to what a directory search finds.
   */
  static Listing expand(List<String> arguments, Filter filter) {
    List<Input> inputs = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (String argument : arguments) {
      if (argument.equals("-")) {
        inputs.add(new Input("<stdin>", Path.of("-"), true, false));
        continue;
      }
      Path path = Path.of(argument);
      if (Files.isDirectory(path)) {
        int before = inputs.size();
        walk(path, filter, inputs, problems);
        if (inputs.size() == before) {
          problems.add(
              new Problem(
                  argument, "directory holds no *.json files (nor *.yaml, *.yml templates)"));
        }
      } else if (Files.exists(path)) {
        inputs.add(new Input(argument, path, false, false));
      } else if (Files.isSymbolicLink(path)) {
        problems.add(new Problem(argument, "broken symbolic link"));
      } else {
        problems.add(new Problem(argument, "no such file or directory"));
      }
    }
    return new Listing(inputs, problems);
  }

  /** Adds the regular {@code *.json} files under {@code root}, sorted; problems for the rest. */
  private static void walk(Path root, Filter filter, List<Input> inputs, List<Problem> problems) {
    List<Path> files = new ArrayList<>();
    List<Problem> found = new ArrayList<>();
    SimpleFileVisitor<Path> visitor =
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            return !dir.equals(root) && filter.excludes(dir)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
            boolean wanted =
                lower.endsWith(".json") || lower.endsWith(".yaml") || lower.endsWith(".yml");
            if (!wanted || filter.excludes(file)) {
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
    files.forEach(f -> inputs.add(new Input(f.toString(), f, false, true)));
    found.sort((a, b) -> a.name().compareTo(b.name()));
    problems.addAll(found);
  }

  /**
   * Reads an input, up to one byte past {@link Policy#MAX_DOCUMENT_BYTES} (enough for the parser to
   * report it as too large).
   *
   * @throws Unusable if it cannot be read, is binary (holds a zero byte) or is not UTF-8
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

  /**
   * Why a file found in a directory is not a policy, if it is not: it is JSON whose top level is
   * not an object with a {@code Statement} or {@code Version} member (a package.json, a scenario,
   * an account snapshot), or it is not JSON at all and either has a well-known non-policy name
   * (tsconfig.json allows comments) or never mentions a statement. Anything that might be a broken
   * policy stays in, so its problems are reported.
   */
  static Optional<String> notPolicy(Input input, byte[] bytes) {
    if (TemplateInputs.templateName(input.path())) {
      return Optional.of("YAML that is not a CloudFormation template");
    }
    Json root;
    try {
      root = JsonReader.read(bytes, SNIFF_LIMITS);
    } catch (JsonReadException e) {
      Path name = input.path().getFileName();
      String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
      if (NOT_POLICIES.contains(lower) || lower.startsWith("tsconfig.")) {
        return Optional.of("a well-known file that is not a policy");
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      boolean mentions =
          text.toLowerCase(Locale.ROOT).contains("statement")
              || text.contains("\"Version\"")
              || text.contains("\"Effect\"");
      return mentions ? Optional.empty() : Optional.of("not JSON, and no Statement in it");
    }
    if (!(root instanceof Json.Obj object)) {
      return Optional.of("JSON " + root.typeName() + ", not an object");
    }
    for (Json.Member member : object.members()) {
      if (member.name().equalsIgnoreCase("statement") || member.name().equals("Version")) {
        return Optional.empty();
      }
    }
    return Optional.of("no top-level Statement");
  }

  /** Wide enough for any document a policy reader would take; depth is not the question here. */
  private static final Limits SNIFF_LIMITS = new Limits(Policy.MAX_DOCUMENT_BYTES + 1, 10_000);

  /** JSON files of common tools, some of which allow comments and so do not parse as JSON. */
  private static final Set<String> NOT_POLICIES =
      Set.of(
          "package.json",
          "package-lock.json",
          "tsconfig.json",
          "jsconfig.json",
          "composer.json",
          "bower.json",
          "lerna.json",
          "nx.json",
          "turbo.json",
          "deno.json",
          "angular.json",
          "cdk.json",
          "cdk.context.json",
          "renovate.json",
          ".eslintrc.json",
          ".prettierrc.json",
          ".babelrc.json",
          "settings.json",
          "launch.json",
          "tasks.json",
          "extensions.json",
          "devcontainer.json",
          ".devcontainer.json");
}
