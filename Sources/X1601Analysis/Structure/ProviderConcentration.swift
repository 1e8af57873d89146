import X1601Graph

/// How much of a supply chain rests on each party, and the services that no other provider of
/// the model could replace (lock-in, clauses 8.1.6 and 8.2.8).
public struct ProviderConcentration: Sendable {
  /// One party and what rests on it.
  public struct Entry: Sendable, Equatable {
    public var party: NodeID
    /// The services it provides and the components it supplies.
    public var direct: Int
    /// The services and components downstream of what it provides or supplies, its direct
    /// ones included; computed for the `detailed` parties with the most direct nodes, else
    /// `nil`.
    public var downstream: Int?
  }

  /// A service whose category no other party of the model provides.
  public struct LockIn: Sendable, Equatable {
    public var service: NodeID
    public var provider: NodeID
    public var category: ServiceCategory?
    /// The nodes that depend on the service directly, not through an any-of group.
    public var dependents: Int
  }

  /// Every party with at least one direct node, most direct first.
  public let entries: [Entry]
  /// Services that others depend on and that only their provider offers in their category.
  public let lockIns: [LockIn]

  /// Computes the concentration, with downstream counts for the `detailed` parties with the
  /// most direct nodes.
  ///
  /// - Complexity: O(*n* + *d* · (*n* + *m*)), for *d* = `detailed`.
  public init(_ chain: SupplyChain, detailed: Int = 20) {
    let graph = chain.graph
    var entries: [Entry] = []
    for party in graph.nodes(ofKind: .party) {
      let direct =
        graph.neighbors(of: party, .forward, kind: .provides).count
        + graph.neighbors(of: party, .reverse, kind: .suppliedBy).count
      if direct > 0 { entries.append(Entry(party: party, direct: direct)) }
    }
    entries.sort { ($1.direct, $0.party) < ($0.direct, $1.party) }
    for index in entries.indices.prefix(max(0, detailed)) {
      let outage = PropagationOptions(
        origins: [PropagationOrigin(node: entries[index].party, items: 1 << 9)],
        rules: ProviderConcentration.reachRules)
      entries[index].downstream = Propagation.run(chain, outage).affected.count
    }
    self.entries = entries

    // Providers per category.
    var providersByCategory: [ServiceCategory?: Set<NodeID>] = [:]
    for service in graph.nodes(ofKind: .service) {
      let category = graph.attributes(of: service).category
      for provider in graph.neighbors(of: service, .reverse, kind: .provides) {
        providersByCategory[category, default: []].insert(provider)
      }
    }
    var lockIns: [LockIn] = []
    for service in graph.nodes(ofKind: .service) {
      let providers = graph.neighbors(of: service, .reverse, kind: .provides)
      guard providers.count == 1, let provider = providers.first else { continue }
      let category = graph.attributes(of: service).category
      guard providersByCategory[category]?.count == 1 else { continue }
      let dependents = graph.neighbors(of: service, .reverse, kind: .dependsOn).filter {
        !chain.isAnyOfGroup[Int($0)]
      }.count
      if dependents > 0 {
        lockIns.append(
          LockIn(service: service, provider: provider, category: category, dependents: dependents))
      }
    }
    lockIns.sort { ($1.dependents, $0.service) < ($0.dependents, $1.service) }
    self.lockIns = lockIns
  }

  /// Rules that carry one item (8.1.5) unchanged on every channel, so a propagation counts
  /// plain reachability.
  static let reachRules = TransferRules(
    rules: TransferChannel.allCases.map {
      TransferRule(channel: $0, upstream: 9, downstream: 1 << 9, rationale: "reachability")
    })
}
