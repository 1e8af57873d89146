import X1601Catalog

/// Step 2 of clause 10: the capabilities that address a set of threats and challenges, as exact
/// minimum covers over a mapping.
public struct CapabilitySelection: Sendable {
  /// Why a capability is in the minimum-cost cover, and what it covers there.
  public struct Member: Sendable, Equatable {
    /// Reason a capability is in a cover.
    public enum Reason: String, Sendable {
      /// Already implemented; it costs nothing.
      case implemented
      /// Required by the user.
      case required
      /// Chosen by the optimization.
      case chosen
    }

    public var capability: Int
    public var reason: Reason
    /// Its cost in the optimization (0 when implemented).
    public var cost: Double
    /// The targeted, coverable items it addresses.
    public var covers: ItemSet
  }

  public let problem: CoverProblem
  public let solution: CoverSolution
  /// The minimum-cost cover, capability by capability in clause order.
  public let members: [Member]

  /// Solves the cover problem for `targets`.
  ///
  /// Implemented capabilities cost 0 and are in every cover, required ones are in every cover,
  /// and excluded ones in none; an excluded capability wins over implemented or required.
  ///
  /// - Parameter costs: one finite, non-negative cost per capability.
  /// - Complexity: O(2^*k*) for the *k* ≤ 14 capabilities that can help; see `CoverSolver`.
  public init(
    targets: ItemSet, mapping: Mapping, costs: [Double], implemented: CapabilitySet = .empty,
    required: CapabilitySet = .empty, excluded: CapabilitySet = .empty
  ) {
    var effectiveCosts = costs
    for capability in implemented.indices { effectiveCosts[capability] = 0 }
    let forced = CapabilitySet(
      rawValue: (implemented.rawValue | required.rawValue) & ~excluded.rawValue)
    let addresses = mapping.itemsByCapability
    problem = CoverProblem(
      targets: targets, addresses: addresses, costs: effectiveCosts, forced: forced,
      forbidden: excluded)
    solution = CoverSolver.solve(problem)

    let covered = solution.covered.rawValue
    members = solution.minimumCostCover.indices.map { capability in
      let reason: Member.Reason =
        implemented.contains(capability)
        ? .implemented : required.contains(capability) ? .required : .chosen
      return Member(
        capability: capability, reason: reason, cost: effectiveCosts[capability],
        covers: ItemSet(rawValue: addresses[capability].rawValue & covered))
    }
  }
}
