import Synchronization
import X1601Graph

/// The working memory of one search: the depths being filled in, a queue for top-down steps
/// and two bit maps for bottom-up steps.
struct SearchState {
  let out: Adjacency
  let into: Adjacency
  let depths: UnsafeMutableBufferPointer<UInt32>
  let heuristics: BreadthFirstSearch.Heuristics
  let nodeCount: Int
  /// The queue: the current frontier is `queue[head..<tail]`.
  let queue: UnsafeMutableBufferPointer<UInt32>
  var frontier: UnsafeMutableBufferPointer<UInt64>
  var next: UnsafeMutableBufferPointer<UInt64>
  var head = 0
  var tail = 0
  /// The depth of the current frontier.
  var level: UInt32 = 0
  private(set) var reachedCount = 0
  private(set) var levelCount = 0

  init(
    out: Adjacency, into: Adjacency, depths: UnsafeMutableBufferPointer<UInt32>,
    heuristics: BreadthFirstSearch.Heuristics
  ) {
    self.out = out
    self.into = into
    self.depths = depths
    self.heuristics = heuristics
    nodeCount = out.nodeCount
    queue = .allocate(capacity: max(nodeCount, 1))
    let words = (nodeCount + 63) / 64
    frontier = .allocate(capacity: max(words, 1))
    frontier.initialize(repeating: 0)
    next = .allocate(capacity: max(words, 1))
    next.initialize(repeating: 0)
  }

  func deallocate() {
    queue.deallocate()
    frontier.deallocate()
    next.deallocate()
  }

  mutating func seed(_ sources: [NodeID]) {
    for source in sources where depths[Int(source)] == BreadthFirstSearch.Result.unreached {
      depths[Int(source)] = 0
      queue[tail] = source
      tail += 1
    }
    reachedCount = tail
    levelCount = tail > 0 ? 1 : 0
  }

  /// Records that a step discovered `count` nodes at depth `level + 1` and moves to it.
  mutating func recordStep(discovered count: Int) {
    reachedCount += count
    if count > 0 { levelCount = Int(level) + 2 }
    level += 1
  }

  // MARK: - Top-down

  mutating func runTopDown<Filter: EdgeFilter>(filter: Filter) {
    while head < tail {
      _ = topDownStep(filter: filter)
    }
  }

  /// Expands `queue[head..<tail]` and returns the number of edges out of the new frontier.
  @inline(__always)
  private mutating func topDownStep<Filter: EdgeFilter>(filter: Filter) -> Int {
    let end = tail
    var write = tail
    var scout = 0
    let nextDepth = level + 1
    let offsets = out.offsets
    let entries = out.entries
    for index in head..<end {
      let node = Int(queue[index])
      for position in Int(offsets[node])..<Int(offsets[node + 1]) {
        let entry = entries[position]
        guard filter.allows(entry) else { continue }
        let neighbor = Int(entry & Adjacency.nodeMask)
        if depths[neighbor] == BreadthFirstSearch.Result.unreached {
          depths[neighbor] = nextDepth
          queue[write] = UInt32(neighbor)
          write += 1
          scout += Int(offsets[neighbor + 1] &- offsets[neighbor])
        }
      }
    }
    head = end
    tail = write
    recordStep(discovered: write - end)
    return scout
  }

  // MARK: - Direction-optimising

  mutating func runDirectionOptimizing<Filter: EdgeFilter>(filter: Filter, parallel: Bool) {
    let visited: AtomicBitMap? = parallel ? AtomicBitMap(count: nodeCount) : nil
    defer { visited?.deallocate() }
    if let visited {
      for index in head..<tail { visited.insert(Int(queue[index])) }
    }
    var edgesToCheck = out.entries.count
    var scout = 0
    for index in head..<tail {
      let node = Int(queue[index])
      scout += Int(out.offsets[node + 1] &- out.offsets[node])
    }
    let alpha = heuristics.alpha
    let beta = heuristics.beta
    while head < tail {
      if scout > edgesToCheck / alpha {
        queueToBitMap()
        var awake = tail - head
        var previous: Int
        repeat {
          previous = awake
          if let visited {
            awake = parallelBottomUpStep(filter: filter, visited: visited)
          } else {
            awake = bottomUpStep(filter: filter)
          }
          swap(&frontier, &next)
          recordStep(discovered: awake)
        } while awake > 0 && (awake >= previous || awake > nodeCount / beta)
        bitMapToQueue()
        scout = 1
      } else {
        edgesToCheck -= scout
        if let visited, tail - head >= 256 {
          scout = parallelTopDownStep(filter: filter, visited: visited)
        } else if let visited {
          scout = sequentialTopDownStep(filter: filter, visited: visited)
        } else {
          scout = topDownStep(filter: filter)
        }
      }
    }
  }

  private mutating func queueToBitMap() {
    for word in frontier.indices { frontier[word] = 0 }
    for index in head..<tail {
      let node = Int(queue[index])
      frontier[node >> 6] |= 1 << UInt64(node & 63)
    }
  }

  private mutating func bitMapToQueue() {
    head = 0
    tail = 0
    for word in frontier.indices {
      var bits = frontier[word]
      while bits != 0 {
        queue[tail] = UInt32(word << 6 | bits.trailingZeroBitCount)
        tail += 1
        bits &= bits &- 1
      }
    }
  }

  /// Gives each unvisited node whose in-neighbour is in `frontier` the next depth, marks it in
  /// `next` and returns how many it found.
  private func bottomUpStep<Filter: EdgeFilter>(filter: Filter) -> Int {
    for word in next.indices { next[word] = 0 }
    return BottomUp.scan(
      nodes: 0..<nodeCount, into: into, depths: depths, frontier: frontier, next: next,
      nextDepth: level + 1, filter: filter, visited: nil)
  }
}

/// The bottom-up scan of a range of nodes, shared by the sequential and parallel steps.
enum BottomUp {
  @inline(__always)
  static func scan<Filter: EdgeFilter>(
    nodes: Range<Int>, into: Adjacency, depths: UnsafeMutableBufferPointer<UInt32>,
    frontier: UnsafeMutableBufferPointer<UInt64>, next: UnsafeMutableBufferPointer<UInt64>,
    nextDepth: UInt32, filter: Filter, visited: AtomicBitMap?
  ) -> Int {
    var awake = 0
    let offsets = into.offsets
    let entries = into.entries
    for node in nodes where depths[node] == BreadthFirstSearch.Result.unreached {
      for position in Int(offsets[node])..<Int(offsets[node + 1]) {
        let entry = entries[position]
        guard filter.allows(entry) else { continue }
        let parent = Int(entry & Adjacency.nodeMask)
        if frontier[parent >> 6] & (1 << UInt64(parent & 63)) != 0 {
          depths[node] = nextDepth
          next[node >> 6] |= 1 << UInt64(node & 63)
          visited?.insert(node)
          awake += 1
          break
        }
      }
    }
    return awake
  }
}

/// A bit map whose bits are set atomically, so that parallel workers claim each node once.
struct AtomicBitMap: @unchecked Sendable {
  // Unchecked Sendable: every access goes through the atomic operations of its words.
  let words: UnsafeMutablePointer<Atomic<UInt64>>
  let wordCount: Int

  init(count: Int) {
    wordCount = max((count + 63) / 64, 1)
    words = .allocate(capacity: wordCount)
    for index in 0..<wordCount { (words + index).initialize(to: Atomic(0)) }
  }

  func deallocate() {
    words.deinitialize(count: wordCount)
    words.deallocate()
  }

  @inline(__always)
  func contains(_ member: Int) -> Bool {
    words[member >> 6].load(ordering: .relaxed) & (1 << UInt64(member & 63)) != 0
  }

  /// Sets the bit of `member` and returns whether it was clear.
  @inline(__always)
  @discardableResult
  func insert(_ member: Int) -> Bool {
    let bit: UInt64 = 1 << UInt64(member & 63)
    let (old, _) = words[member >> 6].bitwiseOr(bit, ordering: .relaxed)
    return old & bit == 0
  }
}
