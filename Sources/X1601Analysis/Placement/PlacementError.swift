/// A placement that cannot be computed: which value is wrong and how to fix it.
public enum PlacementError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A candidate placement has a negative or non-finite cost.
  case invalidCost(node: String, capability: String, cost: Double)
  /// The budget is negative or not finite.
  case invalidBudget(Double)
  /// A threat, challenge or capability node that names no clause of the standard.
  case unknownClauseNode(String)
  /// The set-cover engine rejected the instance, which the reduction rules out.
  case engineFailed(rows: Int, columns: Int)

  public var description: String {
    switch self {
    case .invalidCost(let node, let capability, let cost):
      "invalid cost \(cost) for capability \(capability) at \"\(node)\"; "
        + "give every cost as a finite number of at least 0"
    case .invalidBudget(let budget):
      "invalid budget \(budget); give a finite budget of at least 0"
    case .unknownClauseNode(let name):
      "clause node \"\(name)\" names no threat, challenge or capability; name clause nodes "
        + "like \"clause 8.1.5\", or give all 5 threats, 21 challenges and 14 capabilities in "
        + "clause order"
    case .engineFailed(let rows, let columns):
      "the set-cover engine rejected the placement instance (\(rows) elements, \(columns) "
        + "placements) although every element has a placement at its own node; "
        + "report the model that causes this"
    }
  }
}
