import Synchronization
import X1601Graph

/// The parallel steps of the direction-optimising search. Top-down workers claim nodes through
/// an atomic bit map and append them to the shared queue in blocks; bottom-up workers own
/// disjoint 64-node words of the bit maps, so they need no atomics.
extension SearchState {
  /// Pointers shared with the workers of one step.
  private struct Shared: @unchecked Sendable {
    // Unchecked Sendable: workers write disjoint queue slots (reserved through `tail`), depths
    // of nodes they claimed, and bit-map words they own; counters are atomic.
    let out: Adjacency
    let into: Adjacency
    let depths: UnsafeMutableBufferPointer<UInt32>
    let queue: UnsafeMutableBufferPointer<UInt32>
    let frontier: UnsafeMutableBufferPointer<UInt64>
    let next: UnsafeMutableBufferPointer<UInt64>
    let visited: AtomicBitMap
    let counters: UnsafeMutablePointer<Atomic<Int>>
  }

  private static let chunksPerWorker = 8
  private static let blockSize = 1024

  private func makeShared(visited: AtomicBitMap) -> Shared {
    let counters = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: 2)
    counters.initialize(to: Atomic(0))
    (counters + 1).initialize(to: Atomic(0))
    return Shared(
      out: out, into: into, depths: depths, queue: queue, frontier: frontier, next: next,
      visited: visited, counters: counters)
  }

  private func release(_ shared: Shared) {
    shared.counters.deinitialize(count: 2)
    shared.counters.deallocate()
  }

  /// Expands `queue[head..<tail]` on all processors; returns the edges out of the new frontier.
  mutating func parallelTopDownStep<Filter: EdgeFilter>(
    filter: Filter, visited: AtomicBitMap
  ) -> Int {
    let shared = makeShared(visited: visited)
    defer { release(shared) }
    let start = head
    let end = tail
    shared.counters[0].store(end, ordering: .relaxed)
    let nextDepth = level + 1
    ParallelLoop.run(
      count: end - start, workers: ParallelLoop.processorCount * Self.chunksPerWorker
    ) { range in
      var block = [UInt32]()
      block.reserveCapacity(Self.blockSize)
      var scout = 0
      let offsets = shared.out.offsets
      let entries = shared.out.entries
      func flush() {
        let position = shared.counters[0].wrappingAdd(block.count, ordering: .relaxed).oldValue
        for (offset, node) in block.enumerated() { shared.queue[position + offset] = node }
        block.removeAll(keepingCapacity: true)
      }
      for index in range {
        let node = Int(shared.queue[start + index])
        for position in Int(offsets[node])..<Int(offsets[node + 1]) {
          let entry = entries[position]
          guard filter.allows(entry) else { continue }
          let neighbor = Int(entry & Adjacency.nodeMask)
          if !shared.visited.contains(neighbor) && shared.visited.insert(neighbor) {
            shared.depths[neighbor] = nextDepth
            block.append(UInt32(neighbor))
            scout += Int(offsets[neighbor + 1] &- offsets[neighbor])
            if block.count == Self.blockSize { flush() }
          }
        }
      }
      if !block.isEmpty { flush() }
      shared.counters[1].wrappingAdd(scout, ordering: .relaxed)
    }
    let newTail = shared.counters[0].load(ordering: .relaxed)
    head = end
    tail = newTail
    recordStep(discovered: newTail - end)
    return shared.counters[1].load(ordering: .relaxed)
  }

  /// A top-down step on one thread that keeps the atomic bit map up to date, for frontiers too
  /// small to split.
  mutating func sequentialTopDownStep<Filter: EdgeFilter>(
    filter: Filter, visited: AtomicBitMap
  ) -> Int {
    let end = tail
    var write = tail
    var scout = 0
    let nextDepth = level + 1
    for index in head..<end {
      let node = Int(queue[index])
      for position in Int(out.offsets[node])..<Int(out.offsets[node + 1]) {
        let entry = out.entries[position]
        guard filter.allows(entry) else { continue }
        let neighbor = Int(entry & Adjacency.nodeMask)
        if visited.insert(neighbor) {
          depths[neighbor] = nextDepth
          queue[write] = UInt32(neighbor)
          write += 1
          scout += Int(out.offsets[neighbor + 1] &- out.offsets[neighbor])
        }
      }
    }
    head = end
    tail = write
    recordStep(discovered: write - end)
    return scout
  }

  /// A bottom-up step on all processors; returns how many nodes it found.
  func parallelBottomUpStep<Filter: EdgeFilter>(filter: Filter, visited: AtomicBitMap) -> Int {
    let shared = makeShared(visited: visited)
    defer { release(shared) }
    let wordCount = (nodeCount + 63) / 64
    let nodeCount = self.nodeCount
    let nextDepth = level + 1
    ParallelLoop.run(
      count: wordCount, parallel: nodeCount >= 4096,
      workers: ParallelLoop.processorCount * Self.chunksPerWorker
    ) { words in
      for word in words { shared.next[word] = 0 }
      let nodes = (words.lowerBound * 64)..<min(words.upperBound * 64, nodeCount)
      let awake = BottomUp.scan(
        nodes: nodes, into: shared.into, depths: shared.depths, frontier: shared.frontier,
        next: shared.next, nextDepth: nextDepth, filter: filter, visited: shared.visited)
      shared.counters[1].wrappingAdd(awake, ordering: .relaxed)
    }
    return shared.counters[1].load(ordering: .relaxed)
  }
}
