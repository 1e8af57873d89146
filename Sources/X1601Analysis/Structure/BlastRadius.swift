import X1601Graph

/// The nodes a propagation reached, counted by kind, by party, by jurisdiction and by item.
public struct BlastRadius: Sendable {
  /// A named count.
  public struct Count: Sendable, Equatable {
    public var name: String
    public var count: Int

    public init(name: String, count: Int) {
      self.name = name
      self.count = count
    }
  }

  /// The number of affected nodes: reached, not origins, not any-of group nodes.
  public let total: Int
  /// Affected nodes per node kind, in the order of `NodeKind`; kinds with none are left out.
  public let byKind: [Count]
  /// Affected nodes per providing or supplying party, most first; a node with several parties
  /// counts for each, and nodes with none count under "(none)".
  public let byParty: [Count]
  /// Affected nodes per jurisdiction (the node's own, else its first party's), most first.
  public let byJurisdiction: [Count]
  /// Affected nodes per item that reached them, in clause order.
  public let byItem: [Count]
  /// The largest depth at which a node was affected.
  public let maxDepth: Int

  /// Counts the nodes `result` affected.
  ///
  /// - Complexity: O(*a* · *p*), for *a* affected nodes with at most *p* parties each.
  public init(_ chain: SupplyChain, result: PropagationResult) {
    let graph = chain.graph
    var kinds = [Int](repeating: 0, count: NodeKind.allCases.count)
    var parties: [String: Int] = [:]
    var jurisdictions: [String: Int] = [:]
    var items = [Int](repeating: 0, count: SupplyChainItems.itemCount)
    var deepest = 0
    for node in result.affected {
      kinds[Int(graph.kind(of: node).rawValue)] += 1
      let owners = chain.parties(of: node)
      if owners.isEmpty {
        parties["(none)", default: 0] += 1
      } else {
        for party in owners { parties[graph.name(of: party), default: 0] += 1 }
      }
      jurisdictions[chain.effectiveJurisdiction(of: node) ?? "(none)", default: 0] += 1
      var mask = result.items[Int(node)]
      while mask != 0 {
        items[mask.trailingZeroBitCount] += 1
        mask &= mask - 1
      }
      deepest = max(deepest, Int(result.depth[Int(node)]))
    }
    func sorted(_ counts: [String: Int]) -> [Count] {
      counts.map { Count(name: $0.key, count: $0.value) }
        .sorted { ($1.count, $0.name) < ($0.count, $1.name) }
    }
    total = result.affected.count
    byKind = NodeKind.allCases.compactMap { kind in
      kinds[Int(kind.rawValue)] > 0 ? Count(name: kind.name, count: kinds[Int(kind.rawValue)]) : nil
    }
    byParty = sorted(parties)
    byJurisdiction = sorted(jurisdictions)
    byItem = (0..<SupplyChainItems.itemCount).compactMap { item in
      items[item] > 0 ? Count(name: SupplyChainItems.clauses[item], count: items[item]) : nil
    }
    maxDepth = deepest
  }
}

/// The jurisdictions a path passes through (clause 8.2.4: data moved across borders is governed
/// by different jurisdictions).
public struct JurisdictionCrossings: Sendable, Equatable {
  /// The jurisdiction of each node of the path (the node's own, else its first party's), or
  /// `nil` where none is known.
  public let jurisdictions: [String?]
  /// The distinct known jurisdictions, in order of first appearance.
  public let distinct: [String]
  /// The number of consecutive pairs of nodes with two different known jurisdictions.
  public let crossings: Int

  /// Reads the jurisdictions along `path`.
  public init(_ chain: SupplyChain, path: [NodeID]) {
    jurisdictions = path.map { chain.effectiveJurisdiction(of: $0) }
    var distinct: [String] = []
    for case let jurisdiction? in jurisdictions where !distinct.contains(jurisdiction) {
      distinct.append(jurisdiction)
    }
    self.distinct = distinct
    var crossings = 0
    for (previous, next) in zip(jurisdictions, jurisdictions.dropFirst()) {
      if let previous, let next, previous != next { crossings += 1 }
    }
    self.crossings = crossings
  }
}
