import Foundation
import Testing
import X1601CLI

@Suite("Command-line framework")
struct CommandLineToolTests {
  @Test("version")
  func version() {
    let result = runInProcess(["--version"])
    #expect(result.status == 0)
    #expect(result.output == "x1601 \(CommandLineTool.version)\n")
  }

  @Test("tool help lists subcommands")
  func toolHelp() {
    let result = runInProcess(["--help"])
    #expect(result.status == 0)
    for section in ["OVERVIEW:", "USAGE:", "OPTIONS:", "SUBCOMMANDS:"] {
      #expect(result.output.contains(section), "\(section)")
    }
    for command in CommandRegistry.commands {
      #expect(result.output.contains("  \(command.name) "), "\(command.name)")
    }
  }

  @Test("no arguments is a usage error")
  func noArguments() {
    let result = runInProcess([])
    #expect(result.status == 64)
    #expect(result.error.contains("USAGE:"))
    #expect(result.output.isEmpty)
  }

  @Test("every subcommand has help", arguments: CommandRegistry.commands.map(\.name))
  func subcommandHelp(name: String) {
    let short = runInProcess([name, "-h"])
    let long = runInProcess([name, "--help"])
    let viaHelp = runInProcess(["help", name])
    #expect(short.status == 0)
    #expect(short.output == long.output)
    #expect(short.output == viaHelp.output)
    for section in ["OVERVIEW:", "USAGE: x1601 \(name)", "OPTIONS:", "--help"] {
      #expect(short.output.contains(section), "\(section)")
    }
  }

  @Test("help lines fit 80 columns", arguments: CommandRegistry.commands.map(\.name) + ["--help"])
  func helpWidth(name: String) {
    let result = runInProcess(name == "--help" ? ["--help"] : ["help", name])
    for line in result.output.split(separator: "\n") where line.count > 80 {
      let isExample = line.hasPrefix("  x1601 ")
      let isSingleWord = !line.trimmingCharacters(in: .whitespaces).contains(" ")
      #expect(isExample || isSingleWord, "too long: \(line)")
    }
  }

  @Test("help for unknown subcommand")
  func helpUnknown() {
    let result = runInProcess(["help", "asess"])
    #expect(result.status == 64)
    #expect(result.error.contains("did you mean 'assess'"))
  }

  @Test("unknown subcommand suggests")
  func unknownSubcommand() {
    let result = runInProcess(["catalogue"])
    #expect(result.status == 64)
    #expect(result.error.hasPrefix("x1601: error: unknown subcommand \"catalogue\""))
    #expect(result.error.contains("'catalog'"))
    #expect(result.error.split(separator: "\n").count == 1)
  }

  @Test("unknown option suggests")
  func unknownOption() {
    let result = runInProcess(["catalog", "--formt", "csv"])
    #expect(result.status == 64)
    #expect(result.error.contains("\"--formt\""))
    #expect(result.error.contains("--format"))
  }

  @Test("invalid enumerated value")
  func invalidValue() {
    let result = runInProcess(["catalog", "--format", "xml"])
    #expect(result.status == 64)
    #expect(result.error.contains("\"xml\""))
    #expect(result.error.contains("text, markdown, json or csv"))
  }

  @Test("option value forms agree")
  func optionForms() {
    let separate = runInProcess(["catalog", "--format", "csv"])
    let joined = runInProcess(["catalog", "--format=csv"])
    #expect(separate.status == 0)
    #expect(separate.output == joined.output)
  }

  @Test("missing option value")
  func missingValue() {
    let result = runInProcess(["catalog", "--format"])
    #expect(result.status == 64)
    #expect(result.error.contains("--format needs a value"))
  }

  @Test("flag with a value is rejected")
  func flagWithValue() {
    let result = runInProcess(["cover", "7.1.1", "--help=yes"])
    #expect(result.status == 64)
    #expect(result.error.contains("--help takes no value, found \"yes\""))
    let bare = runInProcess(["catalog", "--mapping", "--format", "csv"])
    #expect(bare.status == 0, "--mapping alone means the shipped mapping")
  }

  @Test("empty optional value is rejected")
  func emptyOptionalValue() {
    // `--mapping=$FILE` with FILE unset must not fall back to the shipped mapping silently.
    let result = runInProcess(["catalog", "--mapping=", "--format", "csv"])
    #expect(result.status == 64)
    #expect(result.error.contains("option --mapping has an empty value"))
    #expect(result.output.isEmpty)
  }

  @Test("double dash ends options")
  func doubleDash() {
    let result = runInProcess(["cover", "--", "--format"])
    #expect(result.status == 64)
    #expect(result.error.contains("\"--format\""))
    #expect(result.error.contains("unknown threat or challenge"))
  }

  @Test("missing and extra arguments")
  func argumentCounts() {
    let missing = runInProcess(["assess"])
    #expect(missing.status == 64)
    #expect(missing.error.contains("missing argument PROFILE"))
    let extra = runInProcess(["catalog", "extra"])
    #expect(extra.status == 64)
    #expect(extra.error.contains("\"extra\""))
  }

  @Test("text table aligns columns")
  func textTable() {
    let table = TextTable(header: ["a", "bb"], rows: [["ccc", "d"], ["e", ""]])
    #expect(table.plainText() == "a    bb\n---  --\nccc  d\ne\n")
    #expect(table.markdown() == "| a | bb |\n|---|---|\n| ccc | d |\n| e |  |\n")
    #expect(TextTable.csvField("a,\"b\"") == "\"a,\"\"b\"\"\"")
  }

  @Test("markdown cell keeps one line")
  func markdownLineBreaks() {
    let table = TextTable(header: ["notes"], rows: [["a | b\nc\r\nd"]])
    #expect(table.markdown() == "| notes |\n|---|\n| a \\| b<br>c<br>d |\n")
  }
}
