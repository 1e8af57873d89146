/// A model imported from another format, with the problems that were skipped over.
public struct ImportResult: Sendable {
  public var model: SupplyChainModel
  /// The first `ImportResult.listedWarningLimit` warnings, each with its location.
  public var warnings: [ModelProblem]
  /// The number of warnings, including those not listed.
  public var warningCount: Int

  /// How many warnings are kept in full.
  public static let listedWarningLimit = 1000

  public init(model: SupplyChainModel, warnings: [ModelProblem] = [], warningCount: Int? = nil) {
    self.model = model
    self.warnings = warnings
    self.warningCount = warningCount ?? warnings.count
  }
}

/// Collects warnings up to a limit, counting the rest.
struct WarningLog {
  var warnings: [ModelProblem] = []
  var count = 0

  mutating func add(_ location: String, _ message: String) {
    count += 1
    if warnings.count < ImportResult.listedWarningLimit {
      warnings.append(ModelProblem(location: location, message: message))
    }
  }
}
