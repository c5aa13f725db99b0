package dev.arbiter.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The help text of every command, laid out by us rather than by picocli: picocli breaks lines with
 * {@link java.text.BreakIterator}, which splits {@code arn:aws:s3:::bucket/key} after a colon and
 * {@code .arbiter.yaml} after its dot, so examples could not be pasted. Here text breaks only at
 * spaces, a word longer than the line stays whole, and a description or footer line that starts
 * with a space (an example, a table row) is printed exactly as written.
 */
final class HelpLayout {
  private HelpLayout() {}

  /** The width help text is wrapped to. */
  static final int WIDTH = 80;

  /** Column where option descriptions start. */
  private static final int DESCRIPTION_COLUMN = 24;

  /** Installs the layout on {@code commandLine} and every subcommand. */
  static void install(CommandLine commandLine) {
    Map<String, CommandLine.IHelpSectionRenderer> sections = commandLine.getHelpSectionMap();
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER, help -> "");
    sections.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION,
        help -> paragraphs(help.commandSpec().usageMessage().description(), ""));
    sections.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST,
        help -> parameters(help.commandSpec()));
    sections.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
        help -> options(help.commandSpec()));
    sections.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
        help -> commands(help.commandSpec()));
    sections.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER,
        help -> paragraphs(help.commandSpec().usageMessage().footer(), ""));
    commandLine.setHelpSectionMap(sections);
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      install(sub);
    }
  }

  /** Each line wrapped, except lines starting with a space, which are kept as written. */
  private static String paragraphs(String[] lines, String indent) {
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      if (line.isEmpty() || line.startsWith(" ")) {
        out.append(indent).append(line).append('\n');
      } else {
        for (String wrapped : wrap(line, WIDTH - indent.length())) {
          out.append(indent).append(wrapped).append('\n');
        }
      }
    }
    return out.toString();
  }

  /** The positional parameters, as options are laid out. */
  private static String parameters(CommandSpec spec) {
    StringBuilder out = new StringBuilder();
    for (PositionalParamSpec parameter : spec.positionalParameters()) {
      if (!parameter.hidden()) {
        String label = parameter.paramLabel() + (parameter.isMultiValue() ? "..." : "");
        row(out, "      " + (parameter.arity().min() == 0 ? "[" + label + "]" : label), parameter);
      }
    }
    return out.toString();
  }

  /** The options, sorted by their first long or short name, as picocli sorts them. */
  private static String options(CommandSpec spec) {
    List<OptionSpec> options = new ArrayList<>();
    for (OptionSpec option : spec.options()) {
      if (!option.hidden()) {
        options.add(option);
      }
    }
    options.sort((a, b) -> sortKey(a).compareTo(sortKey(b)));
    StringBuilder out = new StringBuilder();
    for (OptionSpec option : options) {
      row(out, names(option), option);
    }
    return out.toString();
  }

  private static String sortKey(OptionSpec option) {
    return option.shortestName().replaceFirst("^-+", "").toLowerCase(java.util.Locale.ROOT)
        + " "
        + option.shortestName();
  }

  /** {@code -c, --config=FILE} or {@code --debug}. */
  private static String names(OptionSpec option) {
    String shortName = "";
    String longName = "";
    for (String name : option.names()) {
      if (name.startsWith("--")) {
        longName = longName.isEmpty() ? name : longName;
      } else if (shortName.isEmpty()) {
        shortName = name;
      }
    }
    String label =
        option.arity().max() > 0 && !option.paramLabel().isEmpty() ? "=" + option.paramLabel() : "";
    if (longName.isEmpty()) {
      return "  " + shortName + label;
    }
    return (shortName.isEmpty() ? "      " : "  " + shortName + ", ") + longName + label;
  }

  /** One option or parameter: its names, then its description wrapped in its column. */
  private static void row(StringBuilder out, String names, ArgSpec arg) {
    String description = String.join(" ", arg.description());
    List<String> lines = wrap(description, WIDTH - DESCRIPTION_COLUMN - 2);
    String first = names;
    if (names.length() + 2 > DESCRIPTION_COLUMN) {
      out.append(names).append('\n');
      first = "";
    }
    String continuation = " ".repeat(DESCRIPTION_COLUMN + 2);
    for (int i = 0; i < lines.size(); i++) {
      if (i == 0) {
        out.append(first).append(" ".repeat(DESCRIPTION_COLUMN - first.length()));
      } else {
        out.append(continuation);
      }
      out.append(lines.get(i)).append('\n');
    }
    if (lines.isEmpty()) {
      out.append(first).append('\n');
    }
  }

  /** The subcommands, each with its header, or the first sentence of its description. */
  private static String commands(CommandSpec spec) {
    StringBuilder out = new StringBuilder();
    int width = 0;
    for (String name : spec.subcommands().keySet()) {
      width = Math.max(width, name.length());
    }
    for (Map.Entry<String, CommandLine> entry : spec.subcommands().entrySet()) {
      CommandSpec sub = entry.getValue().getCommandSpec();
      if (sub.usageMessage().hidden()) {
        continue;
      }
      String[] header = sub.usageMessage().header();
      String summary =
          header.length > 0
              ? String.join(" ", header)
              : sub.usageMessage().description().length > 0
                  ? sub.usageMessage().description()[0]
                  : "";
      String name = "  " + entry.getKey();
      int column = width + 4;
      List<String> lines = wrap(summary, WIDTH - column - 2);
      for (int i = 0; i < lines.size(); i++) {
        out.append(i == 0 ? name + " ".repeat(column - name.length()) : " ".repeat(column + 2));
        out.append(lines.get(i)).append('\n');
      }
    }
    return out.toString();
  }

  /** {@code text} broken into lines of at most {@code width} characters, only at spaces. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.trim().split(" +", -1)) {
      if (word.isEmpty()) {
        continue;
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
