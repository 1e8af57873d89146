import X1601Graph
import X1601SetCover

/// Routes of items to elements as set-cover rows: a relaxation whose optimum is at most that of
/// every placement, single cuts or not.
///
/// A route is a path of states from one that an origin starts with to an element. It survives
/// unless a placement removes one of its states, and a placement removes only the states at
/// its node whose items its capability addresses. So every placement set that addresses all
/// elements hits every route, and any set of routes gives a set cover whose lower bound bounds
/// the true optimum.
public struct PlacementRelaxation: Sendable {
  /// For each route, the placements that remove a state on it, as sorted distinct keys
  /// `node * 14 + capability`.
  public var routes: [[UInt32]]
  /// Whether every element has the same placements upstream of it as in the single-cut
  /// formulation, so that the two optima are equal.
  public let matchesFormulation: Bool

  /// The set cover of `routes`, and the placement key of each of its columns.
  ///
  /// - Returns: `nil` when a placement has an invalid cost.
  func instance(chain: SupplyChain) -> (instance: SetCoverInstance, keys: [UInt32])? {
    let capabilityCount = UInt32(SupplyChainItems.capabilityCount)
    var columnOfKey: [UInt32: Int] = [:]
    var keys: [UInt32] = []
    var costs: [Double] = []
    var columns: [[UInt32]] = []
    for (row, route) in routes.enumerated() {
      for key in route {
        let column: Int
        if let known = columnOfKey[key] {
          column = known
        } else {
          column = keys.count
          columnOfKey[key] = column
          keys.append(key)
          costs.append(
            chain.cost(of: Int(key % capabilityCount), at: NodeID(key / capabilityCount)))
          columns.append([])
        }
        columns[column].append(UInt32(row))
      }
    }
    guard
      let instance = try? SetCoverInstance(rowCount: routes.count, costs: costs, columns: columns)
    else { return nil }
    return (instance, keys)
  }
}

extension PlacementProblem {
  /// The relaxation made of the breadth-first routes of each element from its nearest
  /// `routesPerElement` origin states.
  ///
  /// - Parameters:
  ///   - routesPerElement: the most routes, hence rows, per element.
  ///   - workLimit: the most (element, upstream state) pairs to visit.
  /// - Returns: `nil` when the upstream states of the elements exceed `workLimit` in all.
  /// - Complexity: O(*w*), where *w* ≤ `workLimit` is the number of pairs visited.
  public func relaxation(
    routesPerElement: Int = 16, workLimit: Int = 50_000_000
  ) -> PlacementRelaxation? {
    var search = RouteSearch(states: states, chain: chain, addressing: options.addressing)
    var routes: [[UInt32]] = []
    var matches = true
    for (row, element) in elements.enumerated() {
      let start = states.state(element.target, element.item)
      guard
        let found = search.routes(
          to: start, limit: routesPerElement, remainingWork: workLimit - search.work)
      else { return nil }
      if found.upstreamPlacementCount != instance.columns(ofRow: row).count { matches = false }
      routes.append(contentsOf: found.routes)
    }
    return PlacementRelaxation(routes: routes, matchesFormulation: matches)
  }
}

/// Reverse breadth-first search over a state graph from an element to the states that origins
/// start with.
struct RouteSearch {
  let states: PlacementStateGraph
  let chain: SupplyChain
  var capabilitiesOfItem: [UInt16]
  var seen: [UInt32]
  var parent: [UInt32]
  var stamp: UInt32 = 0
  var keyStamp: [UInt32]
  var queue: [Int] = []
  /// The states visited so far, over all searches.
  var work = 0

  init(states: PlacementStateGraph, chain: SupplyChain, addressing: CapabilityAddressing) {
    self.states = states
    self.chain = chain
    capabilitiesOfItem = (0..<SupplyChainItems.itemCount).map {
      addressing.capabilities(addressing: $0)
    }
    seen = [UInt32](repeating: 0, count: states.stateCount)
    parent = [UInt32](repeating: 0, count: states.stateCount)
    keyStamp = [UInt32](
      repeating: 0, count: chain.graph.nodeCount * SupplyChainItems.capabilityCount)
  }

  /// Returns the placements that remove `state`: the key of capability 0 at its node and the
  /// mask of capabilities, each adding its index to that key.
  ///
  /// A closure-based visitor here made the search copy `keyStamp` on every state it visited,
  /// because the closure wrote to `self` while the method borrowed it.
  @inline(__always)
  func placements(removing state: Int) -> (baseKey: UInt32, capabilities: UInt16) {
    let node = states.nodeOfState[state]
    guard !chain.isAnyOfGroup[Int(node)] else { return (0, 0) }
    let capabilities = capabilitiesOfItem[Int(states.itemOfState[state])]
    return (UInt32(Int(node) * SupplyChainItems.capabilityCount), capabilities)
  }

  /// Up to `limit` routes to `start`, nearest origin states first, as placement keys; and the
  /// number of distinct placements that remove some state upstream of `start`.
  /// With `countsPlacements` false the search stops at the `limit`-th origin state and the
  /// count is 0.
  mutating func routes(
    to start: Int, limit: Int, remainingWork: Int, countsPlacements: Bool = true
  ) -> (routes: [[UInt32]], upstreamPlacementCount: Int)? {
    stamp += 1
    let stamp = self.stamp
    queue.removeAll(keepingCapacity: true)
    queue.append(start)
    seen[start] = stamp
    var origins: [Int] = []
    var placementCount = 0
    var head = 0
    var visited = 0
    while head < queue.count {
      if !countsPlacements && origins.count >= limit { break }
      let state = queue[head]
      head += 1
      visited += 1
      if visited > remainingWork { return nil }
      guard countsPlacements else {
        for predecessor in states.predecessors(of: state) {
          if predecessor == 0 {
            if origins.count < limit { origins.append(state) }
          } else if seen[Int(predecessor)] != stamp {
            seen[Int(predecessor)] = stamp
            parent[Int(predecessor)] = UInt32(state)
            queue.append(Int(predecessor))
          }
        }
        continue
      }
      var (baseKey, capabilities) = placements(removing: state)
      while capabilities != 0 {
        let key = Int(baseKey) + capabilities.trailingZeroBitCount
        capabilities &= capabilities - 1
        if keyStamp[key] != stamp {
          keyStamp[key] = stamp
          placementCount += 1
        }
      }
      for predecessor in states.predecessors(of: state) {
        if predecessor == 0 {
          if origins.count < limit { origins.append(state) }
        } else if seen[Int(predecessor)] != stamp {
          seen[Int(predecessor)] = stamp
          parent[Int(predecessor)] = UInt32(state)
          queue.append(Int(predecessor))
        }
      }
    }
    work += visited

    var routes: [[UInt32]] = []
    for origin in origins {
      var keys: [UInt32] = []
      var state = origin
      while true {
        var (baseKey, capabilities) = placements(removing: state)
        while capabilities != 0 {
          keys.append(baseKey + UInt32(capabilities.trailingZeroBitCount))
          capabilities &= capabilities - 1
        }
        if state == start { break }
        state = Int(parent[state])
      }
      keys.sort()
      var write = 0
      for key in keys where write == 0 || keys[write - 1] != key {
        keys[write] = key
        write += 1
      }
      keys.removeLast(keys.count - write)
      routes.append(keys)
    }
    return (routes, placementCount)
  }
}
