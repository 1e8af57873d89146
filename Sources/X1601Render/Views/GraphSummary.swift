import X1601Graph

/// The reduction of a supply-chain picture with more nodes than its budget, so that the picture
/// stays readable and Graphviz stays fast.
public enum SummaryMode: Sendable, Equatable {
  /// Draws every node when they fit the budget. Otherwise collapses the chain into one node per
  /// group and kind when those fit, and else keeps the highest-scoring nodes.
  case automatic
  /// Draws one node per group (party or jurisdiction) with the number of members.
  case collapseByGroup
  /// Draws one node per group and node kind, such as "Acme: 40 components".
  case collapseByGroupAndKind
  /// Draws the nodes with the highest score, as many as the budget allows.
  case topScore
  /// Draws the nodes within `depth` dependency steps of `focus`, nearest first, as many as the
  /// budget allows. A party as focus starts from the services and components it owns.
  case neighborhood(focus: NodeID, depth: Int)
}

/// The default number of nodes a picture draws before it is summarised. Graphviz's `dot`
/// layout of a few hundred nodes takes about a second and stays legible on one screen.
public let defaultNodeBudget = 150

/// The largest number of edges a summarised picture draws per node of its budget: a `dot`
/// layout slows down sharply with dense edge sets between few nodes.
public let maximumLinksPerNode = 2

/// The largest node budget accepted: beyond it layouts take minutes and pictures are unreadable.
public let maximumNodeBudget = 5000

/// The outcome of summarising the services and components of a graph.
enum ChainSelection {
  /// Individual nodes to draw, in drawing order.
  case nodes([NodeID], note: String?)
  /// Groups to draw in place of their members.
  case groups(GroupedChain, note: String)
}

/// A chain collapsed into groups: one entry per group, with member counts, the largest
/// exposure of a member and the number of dependencies between groups.
struct GroupedChain {
  struct Group {
    var group: Int?
    var kind: NodeKind?
    var memberCount: Int
    var maximumExposure: Int
  }

  struct Link {
    var upstream: Int
    var downstream: Int
    var count: Int
  }

  var groups: [Group]
  var links: [Link]
}

/// Chooses what a supply-chain picture shows.
struct ChainSummarizer {
  let graph: Graph
  let groups: ChainGroups
  let budget: Int
  let scores: [Double]?

  /// Returns the services and components of the graph, in increasing id order.
  ///
  /// - Complexity: O(*n*).
  func chainNodes() -> [NodeID] {
    graph.withNodeKinds { kinds in
      var result: [NodeID] = []
      for index in kinds.indices
      where kinds[index] == NodeKind.service.rawValue
        || kinds[index] == NodeKind.component.rawValue
      {
        result.append(NodeID(index))
      }
      return result
    }
  }

  /// Selects the nodes or groups to draw.
  ///
  /// - Complexity: O(*n* + *m*) for collapsing, O(*n* log *k*) for the top *k* by score and
  ///   O(visited nodes and edges) for a neighbourhood.
  func select(_ mode: SummaryMode) -> ChainSelection {
    switch mode {
    case .neighborhood(let focus, let depth):
      return neighborhood(of: focus, depth: depth)
    case .topScore:
      return topScore(chainNodes())
    case .collapseByGroup:
      return collapsed(chainNodes(), byKind: false) ?? topScore(chainNodes())
    case .collapseByGroupAndKind:
      return collapsed(chainNodes(), byKind: true) ?? topScore(chainNodes())
    case .automatic:
      let nodes = chainNodes()
      if nodes.count <= budget {
        return .nodes(nodes, note: nil)
      }
      return collapsed(nodes, byKind: true) ?? collapsed(nodes, byKind: false)
        ?? topScore(nodes)
    }
  }

  private func topScore(_ nodes: [NodeID]) -> ChainSelection {
    if nodes.count <= budget {
      return .nodes(nodes, note: nil)
    }
    var best = TopScores(capacity: budget)
    if let scores {
      for node in nodes {
        best.offer(node, score: scores[Int(node)])
      }
    } else {
      graph.withAdjacency(.reverse) { adjacency in
        for node in nodes {
          best.offer(node, score: Double(adjacency.range(of: node, kind: .dependsOn).count))
        }
      }
    }
    let basis = scores == nil ? "direct dependents" : "score"
    let note =
      "showing the \(budget) of \(nodes.count) services and components with the most \(basis)"
    return .nodes(best.sortedNodes(), note: note)
  }

  private func neighborhood(of focus: NodeID, depth: Int) -> ChainSelection {
    var visited = BitSet(capacity: graph.nodeCount)
    var order: [NodeID] = []
    var frontier: [NodeID] = []
    if graph.kind(of: focus) == .party {
      for start in graph.neighbors(of: focus, .forward, kind: .provides)
      where visited.insert(Int(start)) {
        frontier.append(start)
      }
      for start in graph.neighbors(of: focus, .reverse, kind: .suppliedBy)
      where visited.insert(Int(start)) {
        frontier.append(start)
      }
      frontier.sort()
    } else {
      visited.insert(Int(focus))
      frontier = [focus]
    }
    var level = 0
    var truncated = false
    while !frontier.isEmpty {
      if order.count + frontier.count > budget {
        order.append(contentsOf: frontier.prefix(budget - order.count))
        truncated = true
        break
      }
      order.append(contentsOf: frontier)
      if level == depth { break }
      var next: [NodeID] = []
      for node in frontier {
        for direction in [Graph.Direction.forward, .reverse] {
          for neighbor in graph.neighbors(of: node, direction, kind: .dependsOn)
          where visited.insert(Int(neighbor)) {
            next.append(neighbor)
          }
        }
      }
      frontier = next
      level += 1
    }
    var note = "showing the services and components within \(depth) dependency steps of "
    note += graph.name(of: focus)
    if truncated {
      note += ", cut to the nearest \(budget)"
    }
    return .nodes(order, note: note)
  }

  /// Collapses `nodes` into groups, or returns `nil` when the groups do not fit the budget.
  /// At most ``maximumLinksPerNode`` times the budget links are kept, the heaviest first.
  private func collapsed(_ nodes: [NodeID], byKind: Bool) -> ChainSelection? {
    let groupOfNode = groups.groupsOfAllNodes()
    let nodeCount = graph.nodeCount
    // Dense slot of each group key: keys are node ids or jurisdiction indices, both below
    // nodeCount, and slot nodeCount stands for "no group".
    var slotOfKey = [Int32](repeating: -1, count: nodeCount + 1)
    var slotOfNode = [Int32](repeating: -1, count: nodeCount)
    var entries: [GroupedChain.Group] = []
    let kindSlots = byKind ? 2 : 1
    let fits: Bool = graph.withNodeKinds { kinds in
      graph.withAdjacency(.forward) { adjacency in
        let component = NodeKind.component.rawValue
        for node in nodes {
          let key = Int(groupOfNode[Int(node)])
          let keySlot = key < 0 ? nodeCount : key
          var base = Int(slotOfKey[keySlot])
          if base < 0 {
            base = entries.count
            slotOfKey[keySlot] = Int32(base)
            for slot in 0..<kindSlots {
              let kind: NodeKind? = byKind ? (slot == 0 ? .service : .component) : nil
              entries.append(
                GroupedChain.Group(
                  group: key < 0 ? nil : key, kind: kind, memberCount: 0, maximumExposure: 0))
            }
            if entries.count > (budget + 1) * kindSlots {
              return false
            }
          }
          if byKind && kinds[Int(node)] == component {
            base += 1
          }
          slotOfNode[Int(node)] = Int32(base)
          entries[base].memberCount += 1
          let exposure = adjacency.range(of: node, kind: .exposedTo).count
          if exposure > entries[base].maximumExposure {
            entries[base].maximumExposure = exposure
          }
        }
        return true
      }
    }
    let used = entries.indices.filter { entries[$0].memberCount > 0 }
    guard fits, used.count <= budget else {
      return nil
    }
    var position = [Int](repeating: -1, count: entries.count)
    for (index, entry) in used.enumerated() {
      position[entry] = index
    }

    // Dependencies between groups, counted in a flat matrix of used × used slots.
    let width = used.count
    var counts = [Int](repeating: 0, count: width * width)
    graph.withAdjacency(.forward) { adjacency in
      for node in nodes {
        let downstream = position[Int(slotOfNode[Int(node)])]
        for index in adjacency.range(of: node, kind: .dependsOn) {
          let dependencySlot = Int(slotOfNode[Int(Adjacency.node(adjacency.entries[index]))])
          if dependencySlot < 0 { continue }
          let upstream = position[dependencySlot]
          if upstream != downstream {
            counts[upstream * width + downstream] += 1
          }
        }
      }
    }
    var links: [GroupedChain.Link] = []
    for key in counts.indices where counts[key] > 0 {
      links.append(
        GroupedChain.Link(upstream: key / width, downstream: key % width, count: counts[key]))
    }
    let linkBudget = budget * maximumLinksPerNode
    var note = "\(nodes.count) services and components collapsed into one node per "
    note += byKind ? "\(groups.grouping.rawValue) and kind" : groups.grouping.rawValue
    if links.count > linkBudget {
      note += "; the \(linkBudget) heaviest of \(links.count) links drawn"
      links.sort { ($1.count, $0.upstream, $0.downstream) < ($0.count, $1.upstream, $1.downstream) }
      links = Array(links.prefix(linkBudget))
      links.sort { ($0.upstream, $0.downstream) < ($1.upstream, $1.downstream) }
    }
    return .groups(GroupedChain(groups: used.map { entries[$0] }, links: links), note: note)
  }
}

/// The `capacity` nodes with the highest scores seen so far, kept in a min-heap so that each
/// offer costs O(log *k*). Ties go to the lower id, so the result is deterministic.
struct TopScores {
  private var heap: [(score: Double, node: NodeID)] = []
  let capacity: Int

  init(capacity: Int) {
    self.capacity = capacity
    heap.reserveCapacity(capacity)
  }

  /// Returns whether `a` ranks below `b`: a lower score, or an equal score and a higher id.
  private static func ranksBelow(
    _ a: (score: Double, node: NodeID), _ b: (score: Double, node: NodeID)
  ) -> Bool {
    a.score < b.score || (a.score == b.score && a.node > b.node)
  }

  mutating func offer(_ node: NodeID, score: Double) {
    guard capacity > 0 else { return }
    let entry = (score: score.isNaN ? -Double.infinity : score, node: node)
    if heap.count < capacity {
      heap.append(entry)
      siftUp(heap.count - 1)
    } else if Self.ranksBelow(heap[0], entry) {
      heap[0] = entry
      siftDown(0)
    }
  }

  /// Returns the kept nodes, highest score first.
  func sortedNodes() -> [NodeID] {
    heap.sorted { Self.ranksBelow($1, $0) }.map(\.node)
  }

  private mutating func siftUp(_ start: Int) {
    var child = start
    while child > 0 {
      let parent = (child - 1) / 2
      guard Self.ranksBelow(heap[child], heap[parent]) else { return }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  private mutating func siftDown(_ start: Int) {
    var parent = start
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var lowest = parent
      if left < heap.count && Self.ranksBelow(heap[left], heap[lowest]) { lowest = left }
      if right < heap.count && Self.ranksBelow(heap[right], heap[lowest]) { lowest = right }
      if lowest == parent { return }
      heap.swapAt(parent, lowest)
      parent = lowest
    }
  }
}
