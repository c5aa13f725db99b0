package dev.arbiter.cli;

import dev.arbiter.catalog.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arbiter}: the command-line entry point. Each subcommand is its own class. */
@Command(
    name = "arbiter",
    mixinStandardHelpOptions = true,
    versionProvider = ArbiterCli.Version.class,
    description = "Parse, evaluate and lint AWS IAM policies offline.",
    subcommands = {
      ValidateCommand.class,
      SimulateCommand.class,
      LintCommand.class,
      QueryCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 denied or findings, 2 usage error, 3 invalid or unreadable input.",
      "Run 'arbiter help COMMAND' for a command's options."
    })
public final class ArbiterCli implements Runnable {

  @Option(names = "--debug", description = "Print stack traces of internal errors.")
  boolean debug;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

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
    CommandLine commandLine = new CommandLine(new ArbiterCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          // Real bugs: one line unless --debug, never a silent success.
          boolean debug = parseResult.hasMatchedOption("--debug");
          cmd.getErr().println("arbiter: internal error: " + e);
          if (debug) {
            e.printStackTrace(cmd.getErr());
          } else {
            cmd.getErr()
                .println("(run again with --debug for the stack trace, and please report it)");
          }
          return 70;
        });
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
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
      Properties properties = new Properties();
      try (InputStream in =
          ArbiterCli.class.getResourceAsStream("/dev/arbiter/cli/version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return properties.getProperty("version", "unknown");
    }
  }
}
