/// The subcommands of `x1601`, in the order the help lists them.
///
/// To add a subcommand, add its file under Commands/ and one line here.
public enum CommandRegistry {
  public static let commands: [any Command] = [
    AssessCommand(),
    CoverCommand(),
    CatalogCommand(),
    GenerateCommand(),
    ConvertCommand(),
    SetCoverCommand(),
    PropagateCommand(),
    SpofCommand(),
    BlastRadiusCommand(),
    ImportCommand(),
    PlaceCommand(),
    RenderCommand(),
  ]

  /// The subcommand named `name`.
  public static func command(named name: String) -> (any Command)? {
    commands.first { $0.name == name }
  }
}
