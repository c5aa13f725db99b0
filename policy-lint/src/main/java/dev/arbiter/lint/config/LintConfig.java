package dev.arbiter.lint.config;

import dev.arbiter.lint.Check;
import dev.arbiter.lint.Finding;
import dev.arbiter.lint.FindingType;
import dev.arbiter.lint.Linter;
import dev.arbiter.lint.PolicyResourceType;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.internal.OneLine;
import dev.arbiter.policy.internal.Spelling;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReadException;
import dev.arbiter.policy.json.Limits;
import dev.arbiter.policy.json.YamlReader;
import dev.arbiter.policy.value.Glob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The linter's configuration, usually read from {@code .arbiter.yaml}:
 *
 * <pre>{@code
 * checks:
 *   MISSING_VERSION: off                 # turn a check off
 *   WILDCARD_WITHOUT_LIKE_OPERATOR: error  # change its finding type
 * ignore:
 *   - code: ALLOW_ALL_ACTIONS            # or codes: [A, B], or code: "*" for every check
 *     path: admin/**.json                # or paths: [a.json, "legacy/**"]
 *     reason: the break-glass role is meant to have every action
 * policy-types:                          # files whose type cannot be detected
 *   - path: org/scps/**
 *     type: scp
 *   - path: buckets/**                   # what resource policies are attached to
 *     resource-type: AWS::S3::Bucket     # (type: resource is implied)
 * exclude:                               # files and directories not to lint at all
 *   - node_modules
 *   - "build/**"
 * }</pre>
 *
 * <p>Check values are {@code off}, {@code on} (the default type) or a finding type ({@code error},
 * {@code security_warning}, {@code warning}, {@code suggestion}). Path globs are Java globs matched
 * against the file's path relative to the directory holding the configuration file ({@code *} stays
 * within a directory, {@code **} crosses directories); a glob without {@code /} matches the file
 * name in any directory. Every ignore needs a reason. Unknown keys and unknown check codes are
 * errors. Exclude globs follow {@link Exclude}.
 *
 * @param disabled codes of the checks that are turned off
 * @param findingTypes finding types that replace the default ones, by code
 * @param ignores findings to suppress
 * @param policyTypes policy types of files by path glob
 * @param baseDirectory the directory that ignore paths are relative to
 * @param source where the configuration came from, for messages
 * @param excludes files and directories that a directory search skips
 */
public record LintConfig(
    Set<String> disabled,
    Map<String, FindingType> findingTypes,
    List<Ignore> ignores,
    List<PolicyTypeRule> policyTypes,
    Path baseDirectory,
    String source,
    List<Exclude> excludes) {

  /** The names the configuration file may have, looked for in this order. */
  public static final List<String> FILE_NAMES = List.of(".arbiter.yaml", ".arbiter.yml");

  /** No configuration: every check on with its default type, nothing ignored. */
  public static final LintConfig DEFAULT =
      new LintConfig(
          Set.of(), Map.of(), List.of(), List.of(), Path.of(""), "(defaults)", List.of());

  /** Copies the collections. */
  public LintConfig {
    disabled = Set.copyOf(disabled);
    findingTypes = Map.copyOf(findingTypes);
    ignores = List.copyOf(ignores);
    policyTypes = List.copyOf(policyTypes);
    excludes = List.copyOf(excludes);
  }

  /**
   * Files and directories to leave out when searching a directory for policies. A glob without
   * {@code /} matches a file or directory name anywhere ({@code node_modules}, {@code *.tf.json});
   * a glob with {@code /} matches the path relative to {@code baseDirectory}, or a directory on it
   * ({@code build/**}, {@code vendor/aws}).
   *
   * @param glob a path glob, as in ignores
   * @param baseDirectory the directory the glob is relative to
   */
  public record Exclude(String glob, Path baseDirectory) {
    /**
     * Checks the glob.
     *
     * @throws IllegalArgumentException if {@code glob} is not a valid glob
     */
    public Exclude {
      Glob.path(glob);
    }

    /** Whether this excludes {@code file} (a path as given or found; relative to the cwd). */
    public boolean matches(String file) {
      Glob matcher = FilePaths.MATCHERS.computeIfAbsent(glob, Glob::path);
      Path path = Path.of(file).toAbsolutePath().normalize();
      Path base = baseDirectory.toAbsolutePath().normalize();
      Path relative = path.startsWith(base) ? base.relativize(path) : Path.of(file).normalize();
      if (!glob.contains("/")) {
        for (Path name : relative) {
          if (matcher.matches(name.toString())) {
            return true;
          }
        }
        return false;
      }
      for (Path prefix = relative; prefix != null; prefix = prefix.getParent()) {
        if (matcher.matches(prefix.toString().replace(java.io.File.separatorChar, '/'))) {
          return true;
        }
      }
      return false;
    }
  }

  /** Whether an {@link #excludes() exclude} entry matches {@code file}. */
  public boolean excluded(String file) {
    for (Exclude exclude : excludes) {
      if (exclude.matches(file)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The policy type of the files a path glob matches, and what they are attached to.
   *
   * @param path a glob, as in ignores
   * @param type the type to check matching files as
   * @param resourceType what matching resource-based policies are attached to, if given
   */
  public record PolicyTypeRule(
      String path, PolicyType type, Optional<PolicyResourceType> resourceType) {
    /**
     * Checks the glob.
     *
     * @throws IllegalArgumentException if {@code path} is not a valid glob
     */
    public PolicyTypeRule {
      Glob.path(path);
    }

    /** A rule without a resource type. */
    public PolicyTypeRule(String path, PolicyType type) {
      this(path, type, Optional.empty());
    }
  }

  /** The policy type that {@link #policyTypes()} gives {@code file}, if any entry matches it. */
  public Optional<PolicyType> policyTypeOf(String file) {
    if (policyTypes.isEmpty()) {
      return Optional.empty();
    }
    FilePaths paths = new FilePaths(baseDirectory, file);
    for (PolicyTypeRule rule : policyTypes) {
      if (paths.matches(rule.path())) {
        return Optional.of(rule.type());
      }
    }
    return Optional.empty();
  }

  /**
   * The resource type that the first {@link #policyTypes()} entry matching {@code file} gives, if
   * that entry has one.
   */
  public Optional<PolicyResourceType> resourceTypeOf(String file) {
    if (policyTypes.isEmpty()) {
      return Optional.empty();
    }
    FilePaths paths = new FilePaths(baseDirectory, file);
    for (PolicyTypeRule rule : policyTypes) {
      if (paths.matches(rule.path())) {
        return rule.resourceType();
      }
    }
    return Optional.empty();
  }

  /**
   * Findings of some codes in matching files to suppress, and why.
   *
   * @param codes the check codes, or {@link #EVERY_CODE} alone for findings of every check
   * @param paths globs of the files it applies to
   * @param reason why these findings are acceptable; never blank
   */
  public record Ignore(List<String> codes, List<String> paths, String reason) {
    /** The code that stands for every check. */
    public static final String EVERY_CODE = "*";

    /**
     * Copies the lists and checks that there is a code, a path and a reason.
     *
     * @throws IllegalArgumentException if a list is empty, the reason blank or a glob invalid
     */
    public Ignore {
      codes = List.copyOf(codes);
      paths = List.copyOf(paths);
      if (codes.isEmpty()) {
        throw new IllegalArgumentException("an ignore needs at least one code");
      }
      if (reason.isBlank()) {
        throw new IllegalArgumentException("an ignore needs a reason");
      }
      paths.forEach(Glob::path);
    }

    /** Whether this ignore applies to findings of {@code code}. */
    public boolean covers(String code) {
      return codes.contains(code) || codes.contains(EVERY_CODE);
    }
  }

  /**
   * Reads the configuration file {@code file}.
   *
   * @throws LintConfigException if it cannot be read or is not a valid configuration
   */
  public static LintConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new LintConfigException(
          file.toString(), SourcePosition.UNKNOWN, "no such configuration file");
    } catch (IOException e) {
      throw new LintConfigException(
          file.toString(),
          SourcePosition.UNKNOWN,
          "cannot read the configuration: "
              + (Files.isDirectory(file)
                  ? "it is a directory"
                  : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
    Path parent = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), parent == null ? Path.of("") : parent);
  }

  /**
   * Parses configuration text.
   *
   * @param source the name used in messages
   * @param baseDirectory the directory that ignore paths are relative to
   * @throws LintConfigException if the text is not a valid configuration
   */
  public static LintConfig parse(String text, String source, Path baseDirectory) {
    return new Reader(source).read(tree(text, source), baseDirectory);
  }

  /** What a configuration file may be: far more than any real one needs (comments included). */
  private static final Limits LIMITS = new Limits(64 << 20, 1000);

  /** The YAML document as a map of settings; an empty document is an empty map. */
  private static Json.Obj tree(String text, String source) {
    Json root;
    try {
      root = YamlReader.read(text, LIMITS);
    } catch (JsonReadException e) {
      JsonReadException.Problem problem = e.problem();
      switch (problem.kind()) {
        case EMPTY -> {
          return new Json.Obj(List.of(), new SourcePosition(1, 1));
        }
        case DUPLICATE_NAME ->
            throw new LintConfigException(
                source, problem.location(), "duplicate key " + OneLine.quote(problem.detail()));
        default ->
            throw new LintConfigException(
                source, problem.location(), "not valid YAML: " + problem.message());
      }
    }
    if (!(root instanceof Json.Obj map)) {
      throw new LintConfigException(
          source, root.position(), "the configuration must be a map of settings");
    }
    return map;
  }

  /**
   * The configuration file that applies to {@code directory}: the first of {@link #FILE_NAMES} in
   * it or in the nearest parent directory that has one.
   */
  public static Optional<Path> find(Path directory) {
    for (Path dir = directory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      for (String name : FILE_NAMES) {
        Path candidate = dir.resolve(name);
        if (Files.isRegularFile(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** Applies the configuration to the findings of one file; used by the linter. */
  public Applied apply(List<Finding> findings) {
    List<Finding> kept = new ArrayList<>(findings.size());
    int suppressed = 0;
    FilePaths paths = null;
    for (Finding finding : findings) {
      if (disabled.contains(finding.code())) {
        continue;
      }
      FindingType type = findingTypes.get(finding.code());
      Finding adjusted =
          type == null || type == finding.type()
              ? finding
              : new Finding(
                  finding.code(),
                  type,
                  finding.message(),
                  finding.file(),
                  finding.pointer(),
                  finding.position());
      boolean ignored = false;
      for (int i = 0; i < ignores.size() && !ignored; i++) {
        Ignore ignore = ignores.get(i);
        if (ignore.covers(finding.code())) {
          if (paths == null) {
            paths = new FilePaths(baseDirectory, finding.file());
          }
          for (String glob : ignore.paths()) {
            ignored |= paths.matches(glob);
          }
        }
      }
      if (ignored) {
        suppressed++;
      } else {
        kept.add(adjusted);
      }
    }
    return new Applied(kept, suppressed);
  }

  /** The findings of one file that a configuration keeps, and how many its ignores removed. */
  public record Applied(List<Finding> findings, int suppressed) {}

  /** One file's path, relative to the configuration's directory, for matching globs. */
  private static final class FilePaths {
    static final Map<String, Glob> MATCHERS = new ConcurrentHashMap<>();

    private final Path relative;
    private final Path fileName;

    FilePaths(Path baseDirectory, String file) {
      Path path = Path.of(file).toAbsolutePath().normalize();
      Path base = baseDirectory.toAbsolutePath().normalize();
      this.relative = path.startsWith(base) ? base.relativize(path) : Path.of(file).normalize();
      Path name = path.getFileName();
      this.fileName = name == null ? path : name;
    }

    /** Whether {@code glob} matches: against the file name alone when it has no '/'. */
    boolean matches(String glob) {
      Glob matcher = MATCHERS.computeIfAbsent(glob, Glob::path);
      Path path = glob.contains("/") ? relative : fileName;
      return matcher.matches(path.toString().replace(java.io.File.separatorChar, '/'));
    }
  }

  /** Turns the YAML tree into a configuration, rejecting whatever it does not know. */
  private static final class Reader {
    private static final List<String> TOP_KEYS =
        List.of("checks", "ignore", "policy-types", "exclude");
    private static final List<String> TYPE_KEYS = List.of("path", "type", "resource-type");
    private static final List<String> IGNORE_KEYS =
        List.of("code", "codes", "path", "paths", "reason");

    private final String source;
    private final Set<String> known = new HashSet<>();

    Reader(String source) {
      this.source = source;
      for (Check check : Linter.checks()) {
        known.add(check.code());
      }
    }

    LintConfig read(Json.Obj root, Path baseDirectory) {
      Set<String> disabled = new HashSet<>();
      Map<String, FindingType> types = new LinkedHashMap<>();
      List<Ignore> ignores = new ArrayList<>();
      List<PolicyTypeRule> policyTypes = new ArrayList<>();
      List<Exclude> excludes = new ArrayList<>();
      for (Json.Member entry : root.members()) {
        switch (entry.name()) {
          case "checks" -> checks(map(entry), disabled, types);
          case "ignore" -> {
            if (!(entry.value() instanceof Json.Arr list)) {
              throw fail(entry.value(), "\"ignore\" must be a list of {code, path, reason}");
            }
            for (Json element : list.elements()) {
              ignores.add(ignore(element));
            }
          }
          case "policy-types" -> {
            if (!(entry.value() instanceof Json.Arr list)) {
              throw fail(entry.value(), "\"policy-types\" must be a list of {path, type}");
            }
            for (Json element : list.elements()) {
              policyTypes.add(policyType(element));
            }
          }
          case "exclude" -> {
            if (!(entry.value() instanceof Json.Arr list)) {
              throw fail(entry.value(), "\"exclude\" must be a list of path globs");
            }
            for (Json element : list.elements()) {
              excludes.add(new Exclude(glob(element, "each exclude"), baseDirectory));
            }
          }
          default -> throw unknownKey(entry, TOP_KEYS);
        }
      }
      return new LintConfig(disabled, types, ignores, policyTypes, baseDirectory, source, excludes);
    }

    private PolicyTypeRule policyType(Json node) {
      if (!(node instanceof Json.Obj map)) {
        throw fail(node, "each policy-types entry must be a map with path and type");
      }
      String path = null;
      PolicyType type = null;
      PolicyResourceType resourceType = null;
      for (Json.Member entry : map.members()) {
        switch (entry.name()) {
          case "path" -> path = glob(entry.value(), "path");
          case "resource-type" -> {
            String name = scalar(entry.value(), "resource-type");
            resourceType =
                PolicyResourceType.fromName(name)
                    .orElseThrow(
                        () ->
                            fail(
                                entry.value(),
                                "unknown resource type "
                                    + OneLine.quote(name)
                                    + "; expected one of "
                                    + PolicyResourceType.names()));
          }
          case "type" -> {
            String name = scalar(entry.value(), "type");
            type =
                PolicyType.fromName(name)
                    .orElseThrow(
                        () ->
                            fail(
                                entry.value(),
                                "unknown policy type "
                                    + OneLine.quote(name)
                                    + "; expected identity, resource, trust, scp, rcp, session,"
                                    + " boundary or vpce"));
          }
          default -> throw unknownKey(entry, TYPE_KEYS);
        }
      }
      if (type == null && resourceType != null) {
        type =
            resourceType == PolicyResourceType.IAM_ASSUME_ROLE_POLICY_DOCUMENT
                ? PolicyType.TRUST
                : PolicyType.RESOURCE;
      }
      if (path == null || type == null) {
        throw fail(node, "a policy-types entry needs \"path\" and \"type\" (or \"resource-type\")");
      }
      return new PolicyTypeRule(path, type, Optional.ofNullable(resourceType));
    }

    private void checks(Json.Obj map, Set<String> disabled, Map<String, FindingType> types) {
      for (Json.Member entry : map.members()) {
        String code = knownCode(entry.name(), entry.namePosition());
        String value = scalar(entry.value(), "the value of check " + code).trim();
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("off") || lower.equals("false") || lower.equals("disabled")) {
          disabled.add(code);
        } else if (lower.equals("on") || lower.equals("true") || lower.equals("enabled")) {
          disabled.remove(code);
        } else {
          FindingType type =
              FindingType.fromName(value)
                  .orElseThrow(
                      () ->
                          fail(
                              entry.value(),
                              "check "
                                  + code
                                  + ": expected off, on, error, security_warning, warning or"
                                  + " suggestion, got "
                                  + OneLine.quote(value)));
          types.put(code, type);
        }
      }
    }

    private Ignore ignore(Json node) {
      if (!(node instanceof Json.Obj map)) {
        throw fail(node, "each ignore must be a map with code, path and reason");
      }
      List<String> codes = new ArrayList<>();
      List<String> paths = new ArrayList<>();
      String reason = null;
      for (Json.Member entry : map.members()) {
        switch (entry.name()) {
          case "code", "codes" -> {
            if (entry.value() instanceof Json.Arr list) {
              for (Json element : list.elements()) {
                codes.add(ignoredCode(element));
              }
            } else {
              codes.add(ignoredCode(entry.value()));
            }
          }
          case "path" -> paths.add(glob(entry.value(), "path"));
          case "paths" -> {
            if (!(entry.value() instanceof Json.Arr list)) {
              throw fail(entry.value(), "\"paths\" must be a list of globs");
            }
            for (Json element : list.elements()) {
              paths.add(glob(element, "each path"));
            }
          }
          case "reason" -> reason = scalar(entry.value(), "reason");
          default -> throw unknownKey(entry, IGNORE_KEYS);
        }
      }
      if (codes.isEmpty()) {
        throw fail(
            node,
            "this ignore has no \"code\"; name the checks whose findings to ignore, or \"*\"");
      }
      String code = codes.size() == 1 ? codes.get(0) : codes.toString();
      if (reason == null || reason.isBlank()) {
        throw fail(node, "the ignore of " + code + " has no \"reason\"; say why it is acceptable");
      }
      if (paths.isEmpty()) {
        throw fail(node, "the ignore of " + code + " has no \"path\"; use \"**\" for every file");
      }
      return new Ignore(codes, paths, reason);
    }

    /** A check code, or {@code *} for every check. */
    private String ignoredCode(Json node) {
      String code = scalar(node, "code");
      return code.equals(Ignore.EVERY_CODE) ? code : knownCode(code, node.position());
    }

    private String knownCode(String code, SourcePosition position) {
      if (!known.contains(code)) {
        String hint =
            Spelling.closest(code, known).map(s -> " (did you mean \"" + s + "\"?)").orElse("");
        throw new LintConfigException(
            source,
            position,
            "unknown check "
                + OneLine.quote(code)
                + hint
                + "; 'arbiter lint --list-checks' lists them");
      }
      return code;
    }

    private Json.Obj map(Json.Member entry) {
      if (entry.value() instanceof Json.Obj map) {
        return map;
      }
      throw fail(
          entry.value(),
          OneLine.quote(entry.name()) + " must be a map, got " + kind(entry.value()));
    }

    private String scalar(Json node, String what) {
      if (node instanceof Json.Str text) {
        return text.value();
      }
      if (node instanceof Json.Bool bool) {
        return Boolean.toString(bool.value());
      }
      throw fail(node, what + " must be a value, got " + kind(node));
    }

    /** What a node is, in the words of a YAML user: a map, a list or a value. */
    private static String kind(Json node) {
      if (node instanceof Json.Obj) {
        return "a map";
      }
      return node instanceof Json.Arr ? "a list" : "a value";
    }

    /** A scalar that must be a valid path glob. */
    private String glob(Json node, String what) {
      String glob = scalar(node, what);
      try {
        Glob.path(glob);
      } catch (IllegalArgumentException e) {
        throw fail(node, "invalid glob " + OneLine.quote(glob) + ": " + e.getMessage());
      }
      return glob;
    }

    private LintConfigException unknownKey(Json.Member entry, List<String> keys) {
      String hint =
          Spelling.closest(entry.name(), keys)
              .map(s -> " (did you mean \"" + s + "\"?)")
              .orElse("");
      return new LintConfigException(
          source,
          entry.namePosition(),
          "unknown key "
              + OneLine.quote(entry.name())
              + hint
              + "; expected "
              + String.join(", ", keys));
    }

    private LintConfigException fail(Json node, String message) {
      return new LintConfigException(source, node.position(), message);
    }
  }
}
