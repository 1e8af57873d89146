import Foundation
import X1601Graph

/// Draws ranks `0..<limit` with probability proportional to (rank + 1)^−β, by inverting the
/// continuous approximation of the cumulative weight.
struct RankSampler: Sendable, Hashable {
  let count: Int
  /// 1 − β.
  let power: Double
  let inversePower: Double

  init(count: Int, beta: Double) {
    self.count = count
    power = 1 - beta
    inversePower = 1 / power
  }

  /// A rank below `limit` (at most `count`), for `unit` uniform in [0, 1).
  @inline(__always)
  func rank(_ unit: Double, below limit: Int) -> Int {
    let span = pow(Double(limit + 1), power) - 1
    let rank = Int(pow(1 + unit * span, inversePower)) - 1
    return min(max(rank, 0), limit - 1)
  }

  @inline(__always)
  func rank(_ unit: Double) -> Int { rank(unit, below: count) }

  /// The expected share of draws that fall below rank `limit`, from the same approximation.
  func share(below limit: Int) -> Double {
    (pow(Double(limit + 1), power) - 1) / (pow(Double(count + 1), power) - 1)
  }
}

extension CloudGenerator {
  /// The samplers and tables the node functions share.
  struct Samplers: Sendable {
    let assets: [RankSampler]
    let parties: [RankSampler]
    let regions: RankSampler
    /// For tiers whose parties provide services: the first asset rank of each party, and the
    /// asset count at the end.
    let blockStarts: [[Int]]
    /// For each tier, the tiers its dependencies come from with cumulative weights, and
    /// whether they must be older nodes of the same tier.
    let dependencyTargets: [[(tier: Tier, cumulative: Double, olderOnly: Bool)]]

    init(_ parameters: Parameters, layout: Layout) {
      let beta = 1 / (parameters.degreeExponent - 1)
      assets = layout.assets.map { RankSampler(count: $0.count, beta: beta) }
      parties = layout.parties.map { RankSampler(count: $0.count, beta: beta) }
      regions = RankSampler(count: parameters.regionCount, beta: 0.8)
      var blockStarts: [[Int]] = []
      for tier in Tier.allCases {
        let partyCount = layout.parties[tier.rawValue].count
        let assetCount = layout.assets[tier.rawValue].count
        // Party i gets a block of size proportional to (i + 1)^−β, at least one asset while
        // there are enough.
        let weights = (0..<partyCount).map { pow(Double($0 + 1), -beta) }
        let total = weights.reduce(0, +)
        let guaranteed = min(partyCount, assetCount)
        let spread = Double(assetCount - guaranteed)
        var starts: [Int] = []
        var cumulative = 0.0
        for party in 0..<partyCount {
          starts.append(min(party, guaranteed) + Int(spread * cumulative / total))
          cumulative += weights[party]
        }
        starts.append(assetCount)
        blockStarts.append(starts)
      }
      self.blockStarts = blockStarts
      let table: [[(Tier, Double, Bool)]] = [
        [(.infrastructure, 1, true)],
        [(.infrastructure, 0.8, false), (.platform, 0.2, true)],
        [
          (.platform, 0.45, false), (.infrastructure, 0.25, false), (.partner, 0.2, false),
          (.software, 0.1, true),
        ],
        [(.partner, 0.7, true), (.infrastructure, 0.3, false)],
        [
          (.software, 0.6, false), (.platform, 0.2, false), (.infrastructure, 0.1, false),
          (.partner, 0.1, false),
        ],
      ]
      dependencyTargets = table.map { row in
        var sum = 0.0
        return row.map { entry in
          sum += entry.1
          return (tier: entry.0, cumulative: sum, olderOnly: entry.2)
        }
      }
    }
  }

  /// Streams of the counter-based random numbers.
  enum Stream: UInt64 {
    case edges = 2
    case attributes = 3
    case supplier = 4
  }

  /// Region names: common jurisdiction codes, then numbered regions.
  static func regionNames(count: Int) -> [String] {
    let codes = ["DE", "US", "IE", "FR", "JP", "GB", "NL", "SG", "CA", "BR", "IN", "AU"]
    return (0..<count).map { $0 < codes.count ? codes[$0] : "R\($0 + 1)" }
  }

  /// The kind of `node`.
  func kind(of node: Int) -> NodeKind {
    if node < layout.threats.upperBound { return .threat }
    if node < layout.challenges.upperBound { return .challenge }
    if node < layout.capabilities.upperBound { return .capability }
    if node < layout.assets[0].lowerBound { return .party }
    return layout.assets[Tier.partner.rawValue].contains(node) ? .component : .service
  }

  /// The attribute byte (packed as the binary format stores it) and jurisdiction index plus one
  /// of `node`; zero for catalog nodes.
  func attributes(of node: Int) -> (tag: UInt8, jurisdiction: UInt32) {
    guard let tier = layout.tier(of: node) else { return (0, 0) }
    var random = CounterRandom(
      seed: parameters.seed, stream: Stream.attributes.rawValue, index: UInt64(node))
    let partyRange = layout.parties[tier.rawValue]
    if partyRange.contains(node) {
      let role: PartyRole =
        switch tier {
        case .infrastructure, .platform, .software: .provider
        case .partner: .partner
        case .customer: .customer
        }
      let region = samplers.regions.rank(random.unit())
      return (role.rawValue + 1, UInt32(region + 1))
    }
    let owner = owner(of: node, tier: tier)
    let ownerRegion = attributes(of: owner).jurisdiction
    let region =
      random.chance(0.85) ? ownerRegion : UInt32(random.below(parameters.regionCount) + 1)
    guard tier != .partner else { return (0, region) }
    let unit = random.unit()
    let category: ServiceCategory?
    let deployment: DeploymentModel
    switch tier {
    case .infrastructure:
      category = unit < 0.1 ? .naas : .iaas
      deployment = Self.pick(unit, [(0.85, .public), (0.95, .private)], otherwise: .community)
    case .platform:
      category = unit < 0.2 ? .caas : .paas
      deployment = unit < 0.8 ? .public : .hybrid
    case .software:
      category = .saas
      deployment = unit < 0.9 ? .public : .community
    case .partner, .customer:
      category = nil
      deployment = Self.pick(unit, [(0.5, .private), (0.8, .hybrid)], otherwise: .public)
    }
    let categoryBits = category.map { $0.rawValue + 1 } ?? 0
    return ((categoryBits << 2) | ((deployment.rawValue + 1) << 5), region)
  }

  /// Returns the value of the first threshold above `unit`, or `otherwise`.
  static func pick(
    _ unit: Double, _ choices: [(Double, DeploymentModel)], otherwise: DeploymentModel
  ) -> DeploymentModel {
    for (threshold, value) in choices where unit < threshold { return value }
    return otherwise
  }

  /// The party that provides asset `node` (for the partner tier, the one that supplies it).
  func owner(of node: Int, tier: Tier) -> Int {
    let parties = layout.parties[tier.rawValue]
    let rank = node - layout.assets[tier.rawValue].lowerBound
    if tier == .partner {
      var random = CounterRandom(
        seed: parameters.seed, stream: Stream.supplier.rawValue, index: UInt64(node))
      return parties.lowerBound + samplers.parties[tier.rawValue].rank(random.unit())
    }
    let starts = samplers.blockStarts[tier.rawValue]
    // The last party whose block starts at or before `rank`.
    var low = 0
    var high = starts.count - 1
    while high - low > 1 {
      let middle = (low + high) / 2
      if starts[middle] <= rank { low = middle } else { high = middle }
    }
    return parties.lowerBound + low
  }
}
