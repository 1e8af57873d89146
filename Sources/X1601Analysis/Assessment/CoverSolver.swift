import X1601Catalog

/// A capability cover problem of step 2 of clause 10: choose capabilities so that every target
/// item is addressed by at least one of them.
public struct CoverProblem: Sendable, Equatable {
  /// The threats and challenges to cover.
  public var targets: ItemSet
  /// For each capability, the items it addresses.
  public var addresses: [ItemSet]
  /// Cost of each capability: at least 0 and below `costLimit`.
  public var costs: [Double]
  /// Capabilities that every cover contains (implemented or required ones).
  public var forced: CapabilitySet
  /// Capabilities that no cover may contain.
  public var forbidden: CapabilitySet

  /// The exclusive upper bound of a capability's cost, 10^12. The sum of all 14 costs then
  /// stays below 2^53, so sums of whole-number costs are exact and never overflow, and the
  /// comparison of two covers by cost is exact for them.
  public static let costLimit = 1e12

  /// Returns true when `cost` is finite, at least 0 and below `costLimit`.
  public static func isValidCost(_ cost: Double) -> Bool {
    cost >= 0 && cost < costLimit
  }

  public init(
    targets: ItemSet, addresses: [ItemSet],
    costs: [Double] = Array(repeating: 1, count: Catalog.capabilityCount),
    forced: CapabilitySet = .empty, forbidden: CapabilitySet = .empty
  ) {
    precondition(addresses.count == Catalog.capabilityCount && costs.count == addresses.count)
    precondition(costs.allSatisfy(Self.isValidCost), "costs must be >= 0 and below 1e12")
    precondition(forced.rawValue & forbidden.rawValue == 0, "a capability is forced and forbidden")
    self.targets = targets
    self.addresses = addresses
    self.costs = costs
    self.forced = forced
    self.forbidden = forbidden
  }

  /// The items of `cover` that its capabilities address, among the targets.
  public func coverage(of cover: CapabilitySet) -> ItemSet {
    var union: UInt32 = 0
    for capability in cover.indices { union |= addresses[capability].rawValue }
    return ItemSet(rawValue: union & targets.rawValue)
  }

  /// The sum of the costs of `cover`, added in ascending capability order.
  public func cost(of cover: CapabilitySet) -> Double {
    var total = 0.0
    for capability in cover.indices { total += costs[capability] }
    return total
  }
}

/// The exact optimal covers of a `CoverProblem`.
public struct CoverSolution: Sendable, Equatable {
  /// Targets that no allowed capability addresses; the covers leave them out.
  public var uncoverable: ItemSet
  /// Targets that the covers address: all targets except `uncoverable`.
  public var covered: ItemSet
  /// Every cover of minimum size, including the forced capabilities, sorted by their clause
  /// lists (9.2, 9.7, ... before 9.2, 9.8, ...).
  public var minimumCardinalityCovers: [CapabilitySet]
  /// The cover of minimum total cost; among equal costs the one with fewest capabilities, then
  /// the smallest bit mask.
  public var minimumCostCover: CapabilitySet
  /// The total cost of `minimumCostCover`.
  public var minimumCost: Double

  /// The size of each minimum-cardinality cover.
  public var minimumCardinality: Int { minimumCardinalityCovers.first?.count ?? 0 }
}

/// Computes exact minimum covers by enumerating subsets of the useful capabilities.
///
/// With 14 capabilities there are at most 2^14 = 16 384 subsets, so enumeration proves
/// optimality outright. Forced capabilities are fixed, forbidden ones dropped, and a capability
/// that addresses no target left uncovered by the forced ones is never needed, so only subsets
/// of the remaining *k* capabilities are visited. The union and cost of each subset derive from
/// the subset without its highest bit, one table entry each.
public enum CoverSolver {
  /// Solves `problem`.
  ///
  /// - Complexity: O(2^*k*) time and memory for *k* ≤ 14 useful capabilities.
  public static func solve(_ problem: CoverProblem) -> CoverSolution {
    let capabilityCount = problem.addresses.count
    let allowed = CapabilitySet.all.rawValue & ~problem.forbidden.rawValue

    var reachable: UInt32 = 0
    for capability in 0..<capabilityCount where allowed & (1 << UInt16(capability)) != 0 {
      reachable |= problem.addresses[capability].rawValue
    }
    let targets = problem.targets.rawValue
    let uncoverable = targets & ~reachable
    let needed = targets & reachable

    let forcedCoverage = problem.coverage(of: problem.forced).rawValue
    let residual = needed & ~forcedCoverage

    // Capabilities that may join the forced ones and address part of the residual.
    var useful: [Int] = []
    for capability in 0..<capabilityCount {
      let bit = UInt16(1) << UInt16(capability)
      if allowed & bit != 0, problem.forced.rawValue & bit == 0,
        problem.addresses[capability].rawValue & residual != 0
      {
        useful.append(capability)
      }
    }

    let subsetCount = 1 << useful.count
    var unions = [UInt32](repeating: 0, count: subsetCount)
    var costs = [Double](repeating: 0, count: subsetCount)
    var bestSize = Int.max
    var bestSizeSubsets: [Int] = []
    var bestCostSubset = -1
    var bestCost = Double.infinity

    for subset in 0..<subsetCount {
      if subset > 0 {
        let high = Int.bitWidth - 1 - subset.leadingZeroBitCount
        let rest = subset ^ (1 << high)
        let capability = useful[high]
        unions[subset] = unions[rest] | problem.addresses[capability].rawValue
        costs[subset] = costs[rest] + problem.costs[capability]
      }
      guard unions[subset] & residual == residual else { continue }

      let size = subset.nonzeroBitCount
      if size < bestSize {
        bestSize = size
        bestSizeSubsets = [subset]
      } else if size == bestSize {
        bestSizeSubsets.append(subset)
      }

      let cost = costs[subset]
      if bestCostSubset < 0 || cost < bestCost
        || (cost == bestCost && isPreferred(subset, over: bestCostSubset, useful))
      {
        bestCost = cost
        bestCostSubset = subset
      }
    }

    func expand(_ subset: Int) -> CapabilitySet {
      var set = problem.forced
      var rest = subset
      while rest != 0 {
        set.insert(useful[rest.trailingZeroBitCount])
        rest &= rest - 1
      }
      return set
    }

    // The empty subset always covers an empty residual, and the set of all useful
    // capabilities covers any residual, so both searches found a subset.
    let minimumCardinalityCovers = bestSizeSubsets.map(expand).sorted {
      $0.indices.lexicographicallyPrecedes($1.indices)
    }
    let minimumCostCover = expand(bestCostSubset)
    return CoverSolution(
      uncoverable: ItemSet(rawValue: uncoverable), covered: ItemSet(rawValue: needed),
      minimumCardinalityCovers: minimumCardinalityCovers, minimumCostCover: minimumCostCover,
      minimumCost: problem.cost(of: minimumCostCover))
  }

  /// Whether `candidate` wins a cost tie against `incumbent`: fewer capabilities, then the
  /// smaller bit mask over capability indices.
  private static func isPreferred(_ candidate: Int, over incumbent: Int, _ useful: [Int]) -> Bool {
    if candidate.nonzeroBitCount != incumbent.nonzeroBitCount {
      return candidate.nonzeroBitCount < incumbent.nonzeroBitCount
    }
    return mask(candidate, useful) < mask(incumbent, useful)
  }

  private static func mask(_ subset: Int, _ useful: [Int]) -> UInt16 {
    var result: UInt16 = 0
    var rest = subset
    while rest != 0 {
      result |= 1 << UInt16(useful[rest.trailingZeroBitCount])
      rest &= rest - 1
    }
    return result
  }
}
