package dev.arbiter.cli;

import dev.arbiter.catalog.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arbiter}: the command-line entry point. Each subcommand is its own class. */
@Command(
    name = "arbiter",
    mixinStandardHelpOptions = true,
    versionProvider = ArbiterCli.Version.class,
    description = "Parse, evaluate and lint AWS IAM policies offline.",
    footer = {
      "",
      "Exit codes (every command):",
      "  0  clean: valid, allowed, or no finding at or above --fail-on",
      "  1  findings at or above --fail-on (a policy AWS would reject is an ERROR",
      "     finding), a denied request, or a failed policy test",
      "  2  usage: an unknown option or value, a bad query, an invalid .arbiter.yaml",
      "  3  an input could not be read (missing, a directory, binary, not UTF-8, not a",
      "     valid scenario or account file), or the tool failed",
      "",
      "Run 'arbiter help COMMAND' or 'arbiter COMMAND --help' for a command's options."
    })
public final class ArbiterCli implements Callable<Integer> {

  @Option(
      names = "--debug",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print the stack trace of an internal error (accepted after any command).")
  boolean debug;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * The subcommands, in the order the help lists them. Added by {@link #commandLine} rather than
   * named in {@code @Command}, so that a run builds only the one it runs: picocli builds a command
   * by reflection over its options, and every command's class initialisation comes with it
   * (docs/performance.md, "Startup").
   */
  private static final List<Subcommand> SUBCOMMANDS =
      List.of(
          new Subcommand("validate", ValidateCommand::new),
          new Subcommand("simulate", SimulateCommand::new),
          new Subcommand("lint", LintCommand::new),
          new Subcommand("query", QueryCommand::new),
          new Subcommand("test", TestCommand::new),
          new Subcommand("explain", ExplainCommand::new),
          new Subcommand("check", CheckCommand::new),
          new Subcommand("diff", DiffCommand::new),
          new Subcommand("help", CommandLine.HelpCommand::new));

  /** A subcommand's name (as its {@code @Command} spells it) and how to make its object. */
  record Subcommand(String name, Supplier<Object> command) {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = run(args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the command line with the given output streams and returns the exit code. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = commandLine(args.length > 0 ? args[0] : "");
    commandLine.setOut(out);
    commandLine.setErr(err);
    HelpLayout.install(commandLine);
    commandLine.setParameterExceptionHandler(ArbiterCli::usageError);
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          boolean debug = debugRequested(parseResult);
          IOException io = ioCause(e);
          if (io != null) {
            // A file the user named cannot be read or written: their problem to fix, no bug.
            String file =
                io instanceof FileSystemException fs && fs.getFile() != null
                    ? fs.getFile() + ": "
                    : "";
            cmd.getErr()
                .println("arbiter " + cmd.getCommandName() + ": " + file + Messages.describe(io));
            if (debug) {
              e.printStackTrace(cmd.getErr());
            }
            return ExitCodes.INVALID_INPUT;
          }
          // Real bugs: one line unless --debug, never a silent success.
          cmd.getErr().println("arbiter: internal error: " + e);
          if (debug) {
            e.printStackTrace(cmd.getErr());
          } else {
            cmd.getErr()
                .println("(run again with --debug for the stack trace, and please report it)");
          }
          return ExitCodes.INVALID_INPUT;
        });
    return commandLine.execute(args);
  }

  /** The whole command tree: every subcommand, as help lists them. */
  static CommandLine commandLine() {
    return commandLine("");
  }

  /**
   * The command tree for a run whose first argument is {@code first}: when it names a subcommand
   * other than {@code help}, the root with that subcommand alone, which parses and runs the command
   * line exactly as the whole tree does (nothing after a subcommand's name reaches its siblings);
   * otherwise (no command, an option, {@code help}, a mistyped name, which gets suggestions from
   * every name) the whole tree.
   */
  static CommandLine commandLine(String first) {
    CommandLine root = new CommandLine(new ArbiterCli());
    boolean one =
        !first.equals("help") && SUBCOMMANDS.stream().anyMatch(s -> s.name().equals(first));
    for (Subcommand subcommand : SUBCOMMANDS) {
      if (!one || subcommand.name().equals(first)) {
        root.addSubcommand(subcommand.name(), new CommandLine(subcommand.command().get()));
      }
    }
    return root;
  }

  /**
   * A usage error: the one line that says what is wrong, picocli's "did you mean" for a mistyped
   * option, and where to find the help; never the whole help, which would bury the error.
   */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    String name = command.getCommandSpec().qualifiedName();
    err.println(name + ": " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("try '" + name + " --help'");
    err.flush();
    return ExitCodes.USAGE;
  }

  /** Whether {@code --debug} was given, before or after the command name. */
  private static boolean debugRequested(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable IOException ioCause(Throwable e) {
    if (e instanceof IOException io) {
      return io;
    }
    if (e instanceof UncheckedIOException unchecked) {
      return unchecked.getCause();
    }
    return null;
  }

  /** Without a command: the list of commands on standard error, and a usage exit code. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /**
   * The version, from {@code version.properties} filtered by Maven, and what the bundled AWS
   * service catalog was made from.
   */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "arbiter " + number(), "AWS service catalog: " + Catalog.get().source().summary()
      };
    }

    /** The version number, such as {@code 0.1.0-SNAPSHOT}. */
    static String number() {
      return properties().getProperty("version", "unknown");
    }

    /** The project's home page (the SARIF {@code informationUri}), set at build time. */
    static String homepage() {
      return properties().getProperty("homepage", "");
    }

    /** The published docs/checks.md, which links each code's section (SARIF {@code helpUri}). */
    static String checksPage() {
      return properties().getProperty("checksPage", "");
    }

    private static Properties properties() {
      Properties properties = new Properties();
      try (InputStream in =
          ArbiterCli.class.getResourceAsStream("/dev/arbiter/cli/version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return properties;
    }
  }
}
