import X1601Analysis
import X1601Graph
import X1601TestSupport

/// A small random supply chain for comparing the passes with naive versions: services,
/// components and parties with random dependencies (cycles and self-loops included), suppliers,
/// providers, implemented capabilities and optional any-of group nodes.
struct RandomChain {
  var chain: SupplyChain
  var addressing: CapabilityAddressing
  var rules: TransferRules
  var origins: [PropagationOrigin]
  /// Links as (upstream, downstream, channel), read back from the graph.
  var links: [(NodeID, NodeID, TransferChannel)]

  init(seed: UInt64, nodeCount: Int = 12, withGroups: Bool = true, withCapabilities: Bool = true) {
    var random = SplitMix64(seed: seed)
    var builder = GraphBuilder()
    var kinds: [NodeKind] = []
    for index in 0..<nodeCount {
      let roll = random.next() % 10
      let kind: NodeKind = roll < 2 ? .party : roll < 6 ? .service : .component
      kinds.append(kind)
      builder.addNode("n\(index)", kind: kind)
    }
    var isGroup = [Bool](repeating: false, count: nodeCount)
    let dependable = (0..<nodeCount).filter { kinds[$0] != .party }
    let parties = (0..<nodeCount).filter { kinds[$0] == .party }
    if withGroups {
      for index in dependable where random.next() % 6 == 0 { isGroup[index] = true }
    }
    let edgeAttempts = Int(random.next() % UInt64(3 * nodeCount + 1))
    for _ in 0..<edgeAttempts {
      guard !dependable.isEmpty else { break }
      let from = dependable[Int(random.next() % UInt64(dependable.count))]
      let roll = random.next() % 10
      if roll < 7 || parties.isEmpty {
        let to = dependable[Int(random.next() % UInt64(dependable.count))]
        if isGroup[from] && isGroup[to] { continue }
        builder.addEdge(from: NodeID(from), to: NodeID(to), kind: .dependsOn)
      } else {
        let party = parties[Int(random.next() % UInt64(parties.count))]
        if roll < 9 || kinds[from] != .service {
          if !isGroup[from] {
            builder.addEdge(from: NodeID(from), to: NodeID(party), kind: .suppliedBy)
          }
        } else {
          builder.addEdge(from: NodeID(party), to: NodeID(from), kind: .provides)
        }
      }
    }
    let graph = try! builder.build()

    var implemented = [UInt16](repeating: 0, count: nodeCount)
    if withCapabilities {
      for index in 0..<nodeCount where !isGroup[index] && random.next() % 3 == 0 {
        implemented[index] = UInt16(truncatingIfNeeded: random.next()) & ((1 << 14) - 1)
        implemented[index] &= UInt16(truncatingIfNeeded: random.next())
      }
    }
    chain = SupplyChain(graph: graph, implemented: implemented, isAnyOfGroup: isGroup)

    // Few items keep the random table dense enough for items to travel.
    let itemPool = (0..<4).map { _ in Int(random.next() % 26) }
    func randomItems(_ random: inout SplitMix64) -> UInt32 {
      var mask: UInt32 = 0
      for item in itemPool where random.next() % 2 == 0 { mask |= 1 << UInt32(item) }
      return mask
    }
    var byCapability: [UInt32] = []
    for _ in 0..<14 {
      byCapability.append(random.next() % 3 == 0 ? randomItems(&random) : 0)
    }
    addressing = CapabilityAddressing(itemsByCapability: byCapability)
    var ruleList: [TransferRule] = []
    for channel in TransferChannel.allCases {
      for item in itemPool where random.next() % 5 != 0 {
        ruleList.append(
          TransferRule(
            channel: channel, upstream: item, downstream: randomItems(&random), rationale: ""))
      }
    }
    rules = TransferRules(rules: ruleList)

    origins = []
    let originCount = 1 + Int(random.next() % 3)
    for _ in 0..<originCount {
      let node = NodeID(random.next() % UInt64(nodeCount))
      origins.append(
        PropagationOrigin(node: node, items: randomItems(&random) | 1 << UInt32(itemPool[0])))
    }

    links = []
    for node in 0..<NodeID(nodeCount) {
      for (neighbor, kind) in graph.edges(of: node, .forward) {
        switch kind {
        case .dependsOn: links.append((neighbor, node, .dependency))
        case .suppliedBy: links.append((neighbor, node, .supply))
        case .provides: links.append((node, neighbor, .provision))
        default: break
        }
      }
    }
  }

  /// The propagation computed by synchronous rounds over the link list.
  func naivePropagation(
    maxDepth: Int?, implemented: [UInt16]? = nil,
    isLive: [Bool]? = nil
  ) -> (items: [UInt32], depth: [UInt32]) {
    let isLive = isLive ?? [Bool](repeating: true, count: links.count)
    let count = chain.graph.nodeCount
    let implemented = implemented ?? chain.implemented
    var stop = [UInt32](repeating: 0, count: count)
    for node in 0..<count {
      for capability in 0..<14 where implemented[node] & (1 << UInt16(capability)) != 0 {
        stop[node] |= addressing.itemsByCapability[capability]
      }
    }
    func transfer(_ items: UInt32, _ channel: TransferChannel) -> UInt32 {
      var result: UInt32 = 0
      for item in 0..<26 where items & (1 << UInt32(item)) != 0 {
        for rule in rules.rules where rule.channel == channel && rule.upstream == item {
          result |= rule.downstream
        }
      }
      return result
    }
    var state = [UInt32](repeating: 0, count: count)
    var depth = [UInt32](repeating: PropagationResult.unreached, count: count)
    for origin in origins where origin.items != 0 {
      state[Int(origin.node)] |= origin.items
      depth[Int(origin.node)] = 0
    }
    var round: UInt32 = 0
    while maxDepth == nil || Int(round) < maxDepth! {
      var next = state
      for node in 0..<count {
        if chain.isAnyOfGroup[node] {
          // A group holds what every member holds; a dead member link blocks it.
          let members = links.indices.filter {
            links[$0].1 == NodeID(node) && links[$0].2 == .dependency
          }
          guard !members.isEmpty else { continue }
          var common = SupplyChainItems.allItems
          for member in members {
            common &= isLive[member] ? state[Int(links[member].0)] : 0
          }
          next[node] |= common
        } else {
          for (index, link) in links.enumerated() where link.1 == NodeID(node) && isLive[index] {
            next[node] |= transfer(state[Int(link.0)], link.2) & ~stop[node]
          }
        }
      }
      round += 1
      if next == state { break }
      for node in 0..<count where state[node] == 0 && next[node] != 0 { depth[node] = round }
      state = next
    }
    return (state, depth)
  }

  var options: PropagationOptions {
    PropagationOptions(origins: origins, addressing: addressing, rules: rules)
  }
}
