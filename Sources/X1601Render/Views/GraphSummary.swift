import X1601Graph

/// How a supply-chain picture with more nodes than its budget is reduced, so that the picture
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

  /// The services and components of the graph, in increasing id order.
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

  /// The score of `node`: the caller's score when given, else the number of direct dependents.
  func score(of node: NodeID) -> Double {
    if let scores {
      return scores[Int(node)]
    }
    return Double(graph.neighbors(of: node, .reverse, kind: .dependsOn).count)
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
    for node in nodes {
      best.offer(node, score: score(of: node))
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
  private func collapsed(_ nodes: [NodeID], byKind: Bool) -> ChainSelection? {
    let kindSlots = byKind ? 2 : 1
    var denseGroup: [Int: Int] = [:]
    var groupOf = [Int32](repeating: -1, count: graph.nodeCount)
    var entries: [GroupedChain.Group] = []
    for node in nodes {
      let group = groups.group(of: node)
      let key = group ?? -1
      var base: Int
      if let known = denseGroup[key] {
        base = known
      } else {
        base = entries.count
        denseGroup[key] = base
        for slot in 0..<kindSlots {
          let kind: NodeKind? = byKind ? (slot == 0 ? .service : .component) : nil
          entries.append(
            GroupedChain.Group(group: group, kind: kind, memberCount: 0, maximumExposure: 0))
        }
        if entries.count > budget * kindSlots + kindSlots {
          return nil
        }
      }
      if byKind && graph.kind(of: node) == .component {
        base += 1
      }
      groupOf[Int(node)] = Int32(base)
      entries[base].memberCount += 1
      let exposure = graph.neighbors(of: node, .forward, kind: .exposedTo).count
      entries[base].maximumExposure = max(entries[base].maximumExposure, exposure)
    }
    let used = entries.indices.filter { entries[$0].memberCount > 0 }
    if used.count > budget {
      return nil
    }

    var links: [Int: Int] = [:]
    for node in nodes {
      let downstream = Int(groupOf[Int(node)])
      for dependency in graph.neighbors(of: node, .forward, kind: .dependsOn) {
        let upstream = Int(groupOf[Int(dependency)])
        if upstream >= 0 && upstream != downstream {
          links[upstream * entries.count + downstream, default: 0] += 1
        }
      }
    }
    var position = [Int](repeating: -1, count: entries.count)
    for (index, entry) in used.enumerated() {
      position[entry] = index
    }
    let sortedLinks = links.keys.sorted().map { key in
      GroupedChain.Link(
        upstream: position[key / entries.count], downstream: position[key % entries.count],
        count: links[key] ?? 0)
    }
    let grouped = GroupedChain(groups: used.map { entries[$0] }, links: sortedLinks)
    let unit = byKind ? "group and kind" : groups.grouping.rawValue
    let note = "\(nodes.count) services and components collapsed into one node per \(unit)"
    return .groups(grouped, note: note)
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

  /// Whether `a` ranks below `b`: a lower score, or an equal score and a higher id.
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

  /// The kept nodes, highest score first.
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
