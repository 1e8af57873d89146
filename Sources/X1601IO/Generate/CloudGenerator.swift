import X1601Graph

/// A generator of synthetic multi-provider clouds: tiers of infrastructure providers,
/// platforms, software services, partners and customers, with heavy-tailed degrees, regions and
/// jurisdictions, capability implementation rates and optional dependency cycles.
///
/// Node ids are laid out in blocks: the 5 threats of clause 7 and the 21 challenges of clause 8,
/// the 14 capabilities of clause 9, the parties of each tier, then the services (components for
/// the partner tier) of each tier. Within a block, lower ids are the older, larger nodes: every
/// edge draws its target rank *r* with probability proportional to (*r* + 1)^−β, where
/// β = 1 / (γ − 1) for the degree exponent γ. That is the expected degree of the *r*-th node
/// under linear preferential attachment, so in-degrees follow the power law P(*k*) ∝ *k*^−γ of
/// preferential attachment, while each node's edges depend only on the seed and the node's id.
/// The output therefore does not depend on the number of threads, and a node's edges can be
/// produced in id order, straight into CSR arrays or a stream.
public struct CloudGenerator: Sendable {
  public let parameters: Parameters
  /// The node blocks that the parameters imply.
  public let layout: Layout
  let samplers: Samplers

  public init(_ parameters: Parameters) {
    self.parameters = parameters
    layout = Layout(parameters)
    samplers = Samplers(parameters, layout: layout)
  }
}

// MARK: - Parameters

extension CloudGenerator {
  /// A tier of the supply chain, from the bottom up.
  public enum Tier: Int, CaseIterable, Sendable, Hashable {
    /// Providers of IaaS services.
    case infrastructure
    /// Providers of PaaS services built on infrastructure.
    case platform
    /// Providers of SaaS services built on platforms and infrastructure.
    case software
    /// Cloud service partners that supply components.
    case partner
    /// Cloud service customers with workloads built on the tiers below.
    case customer

    public var name: String {
      switch self {
      case .infrastructure: "infrastructure"
      case .platform: "platform"
      case .software: "software"
      case .partner: "partner"
      case .customer: "customer"
      }
    }
  }

  /// What to generate. Per-tier values are indexed by `Tier.rawValue`.
  public struct Parameters: Sendable, Hashable {
    /// The seed; equal parameters give identical graphs.
    public var seed: UInt64 = 1
    /// The number of edges to aim for; the node counts scale with it and the result is within a
    /// few percent.
    public var targetEdges: Int = 100_000
    /// The exponent γ of the in-degree power law, above 2.
    public var degreeExponent: Double = 2.5
    /// The share of services or components that each tier holds.
    public var assetShares: [Double] = [0.01, 0.04, 0.25, 0.20, 0.50]
    /// The number of services or components per party in each tier, on average.
    public var assetsPerParty: [Double] = [20, 10, 5, 8, 3]
    /// The mean number of dependencies of a service or component in each tier, drawn from a
    /// geometric distribution. Tiers that depend on older nodes of their own tier reach less
    /// where too few older nodes exist, such as the first nodes of the infrastructure tier.
    public var meanDependencies: [Double] = [1, 3, 5, 2, 6]
    /// The probability that a service or component of a tier implements each capability.
    public var implementationRates: [Double] = [0.6, 0.5, 0.35, 0.2, 0.25]
    /// The probability that a party implements each capability.
    public var partyImplementationRate: Double = 0.3
    /// The probability that a service or component is exposed to each threat or challenge.
    public var exposureRate: Double = 0.06
    /// The share of dependencies drawn from the whole of the node's own tier instead of the
    /// lower tiers and the older nodes of its tier; above zero, dependencies form cycles.
    public var cycleRate: Double = 0
    /// The number of regions, each a jurisdiction.
    public var regionCount: Int = 12

    public init() {}

    public init(seed: UInt64, targetEdges: Int) {
      self.seed = seed
      self.targetEdges = targetEdges
    }

    /// Describes the first invalid value, or returns `nil`.
    public var problem: String? {
      let tiers = Tier.allCases.count
      if targetEdges < 1 { return "target edges \(targetEdges) must be at least 1" }
      if !(degreeExponent > 2 && degreeExponent <= 100) {
        return "degree exponent \(degreeExponent) must be above 2"
      }
      for (label, values) in [
        ("asset shares", assetShares), ("assets per party", assetsPerParty),
        ("mean dependencies", meanDependencies), ("implementation rates", implementationRates),
      ] where values.count != tiers {
        return "\(label) need \(tiers) values, one per tier, not \(values.count)"
      }
      if assetShares.contains(where: { !($0 >= 0) }) || assetShares.reduce(0, +) <= 0 {
        return "asset shares must be non-negative with a positive sum"
      }
      if assetsPerParty.contains(where: { !($0 >= 1) }) {
        return "assets per party must be at least 1"
      }
      if meanDependencies.contains(where: { !($0 >= 0 && $0 <= 1000) }) {
        return "mean dependencies must be between 0 and 1000"
      }
      let rates = implementationRates + [partyImplementationRate, exposureRate, cycleRate]
      if rates.contains(where: { !($0 >= 0 && $0 <= 1) }) {
        return "rates must be between 0 and 1"
      }
      if !(1...65_536).contains(regionCount) { return "region count must be between 1 and 65536" }
      return nil
    }
  }
}

// MARK: - Layout

extension CloudGenerator {
  /// The id blocks of the generated graph.
  public struct Layout: Sendable, Hashable {
    /// The first threat; threats take 5 ids, then 21 challenges and 14 capabilities.
    public let threats: Range<Int>
    public let challenges: Range<Int>
    public let capabilities: Range<Int>
    /// The parties of each tier.
    public let parties: [Range<Int>]
    /// The services, or components for the partner tier, of each tier.
    public let assets: [Range<Int>]
    public var nodeCount: Int { assets[assets.count - 1].upperBound }

    /// Threats of clause 7 (7.1.1–7.1.3, 7.2.1–7.2.2), challenges of clause 8 (8.1.1–8.1.8,
    /// 8.2.1–8.2.10, 8.3.1–8.3.3) and capabilities of clause 9 (9.1–9.14).
    public static let threatCount = 5
    public static let challengeCount = 21
    public static let capabilityCount = 14
    static var itemCount: Int { threatCount + challengeCount }

    init(_ parameters: Parameters) {
      threats = 0..<Self.threatCount
      challenges = threats.upperBound..<(threats.upperBound + Self.challengeCount)
      capabilities = challenges.upperBound..<(challenges.upperBound + Self.capabilityCount)
      let assetCounts = Self.assetCounts(parameters)
      var next = capabilities.upperBound
      var parties: [Range<Int>] = []
      for tier in Tier.allCases {
        let count = max(
          1,
          Int(
            (Double(assetCounts[tier.rawValue]) / parameters.assetsPerParty[tier.rawValue])
              .rounded()))
        parties.append(next..<(next + count))
        next += count
      }
      var assets: [Range<Int>] = []
      for tier in Tier.allCases {
        assets.append(next..<(next + assetCounts[tier.rawValue]))
        next += assetCounts[tier.rawValue]
      }
      self.parties = parties
      self.assets = assets
    }

    /// Services or components per tier, scaled so that the expected edge count meets the
    /// target.
    static func assetCounts(_ parameters: Parameters) -> [Int] {
      let shares = parameters.assetShares
      let total = shares.reduce(0, +)
      var edgesPerAsset = 0.0
      for tier in Tier.allCases {
        let index = tier.rawValue
        var perAsset = parameters.meanDependencies[index]
        perAsset += parameters.implementationRates[index] * Double(capabilityCount)
        perAsset += parameters.exposureRate * Double(itemCount)
        perAsset += 1  // provided by or supplied by a party
        perAsset +=
          parameters.partyImplementationRate * Double(capabilityCount)
          / parameters.assetsPerParty[index]
        edgesPerAsset += shares[index] / total * perAsset
      }
      let assets = max(Double(Tier.allCases.count), Double(parameters.targetEdges) / edgesPerAsset)
      return shares.map { max(1, Int((assets * $0 / total).rounded())) }
    }

    /// The tier of the party or asset `node`, or `nil` for catalog nodes.
    public func tier(of node: Int) -> Tier? {
      for tier in Tier.allCases
      where parties[tier.rawValue].contains(node) || assets[tier.rawValue].contains(node) {
        return tier
      }
      return nil
    }
  }
}
