import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Counting-sort construction of CSR adjacency.
enum CSRConstruction {
  struct Arrays {
    var offsets: UnsafeMutableBufferPointer<UInt32>
    var entries: UnsafeMutableBufferPointer<UInt32>
  }

  /// Builds the forward adjacency of an edge list whose endpoints are already checked to be below
  /// `nodeCount`: entries of each node sorted by kind then target, duplicates removed when asked.
  ///
  /// - Complexity: O(*n* + *m* log *d*).
  static func forward(
    nodeCount: Int, sources: [UInt32], targets: [UInt32], kinds: [UInt8], deduplicate: Bool
  ) -> Arrays {
    let edgeCount = sources.count
    let offsets = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: nodeCount + 1)
    offsets.initialize(repeating: 0)
    for source in sources {
      offsets[Int(source) + 1] &+= 1
    }
    prefixSum(offsets)

    var entries = UnsafeMutableBufferPointer<UInt32>.allocateLarge(capacity: edgeCount)
    let cursor = UnsafeMutableBufferPointer<UInt32>.allocateLarge(capacity: nodeCount)
    defer { cursor.deallocate() }
    _ = cursor.initialize(from: offsets[0..<nodeCount])
    sources.withUnsafeBufferPointer { sources in
      targets.withUnsafeBufferPointer { targets in
        kinds.withUnsafeBufferPointer { kinds in
          for index in 0..<edgeCount {
            let source = Int(sources[index])
            let position = Int(cursor[source])
            cursor[source] = UInt32(position + 1)
            (entries.baseAddress! + position).initialize(
              to: (UInt32(kinds[index]) << Adjacency.kindShift) | targets[index])
          }
        }
      }
    }

    sortSlices(offsets: offsets, entries: entries)
    if deduplicate {
      let kept = removeDuplicates(offsets: offsets, entries: entries)
      if kept < edgeCount {
        let compact = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: kept)
        _ = compact.initialize(from: entries[0..<kept])
        entries.deallocate()
        entries = compact
      }
    }
    return Arrays(offsets: offsets, entries: entries)
  }

  /// Builds the reverse adjacency of `forward`: for each target, its sources with the same kinds,
  /// sorted by kind then source.
  ///
  /// Each worker owns a range of sources holding about equal numbers of entries, and a row of
  /// per-target counters that become its write cursors. Within a target, a worker's entries
  /// land after those of workers with lower sources, so the result is the same for any number
  /// of workers, and each entry is read twice in all.
  ///
  /// - Complexity: O(*n* *w* + *m*) for *w* workers when all edges share one kind, and
  ///   O(*n* *w* + *m* log *d*) otherwise.
  static func transpose(_ forward: Arrays, nodeCount: Int) -> Arrays {
    let edgeCount = forward.entries.count
    let offsets = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: nodeCount + 1)
    let entries = UnsafeMutableBufferPointer<UInt32>.allocateLarge(capacity: edgeCount)
    let workers = edgeCount >= 1 << 16 ? ParallelWork.processorCount : 1
    let cursors = UnsafeMutableBufferPointer<UInt32>.allocateLarge(
      capacity: max(1, nodeCount * workers))
    cursors.initialize(repeating: 0)
    defer { cursors.deallocate() }
    let sources = balancedBoundaries(offsets: forward.offsets, chunks: workers)
    let shared = SharedArrays(
      forwardOffsets: forward.offsets, forwardEntries: forward.entries, offsets: offsets,
      entries: entries, cursor: cursors)

    // One bit per edge kind seen, per worker.
    let kindsSeen = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: workers)
    kindsSeen.initialize(repeating: 0)
    defer { kindsSeen.deallocate() }
    let seen = SharedArrays(
      forwardOffsets: kindsSeen, forwardEntries: kindsSeen, offsets: kindsSeen,
      entries: kindsSeen, cursor: kindsSeen)
    ParallelWork.run(workers) { worker in
      let row = shared.cursor.baseAddress! + worker * nodeCount
      let start = Int(shared.forwardOffsets[sources[worker]])
      let end = Int(shared.forwardOffsets[sources[worker + 1]])
      var kinds: UInt32 = 0
      for index in start..<end {
        let entry = shared.forwardEntries[index]
        row[Int(entry & Adjacency.nodeMask)] &+= 1
        kinds |= 1 << (entry >> Adjacency.kindShift)
      }
      seen.entries[worker] = kinds
    }

    var running: UInt32 = 0
    for target in 0..<nodeCount {
      offsets[target] = running
      for worker in 0..<workers {
        let position = worker * nodeCount + target
        let count = cursors[position]
        cursors[position] = running
        running &+= count
      }
    }
    offsets[nodeCount] = running

    // Visiting sources in increasing order leaves each reverse slice sorted by source within
    // each kind, so only slices that mix kinds need sorting, and none when one kind is used.
    ParallelWork.run(workers) { worker in
      let row = shared.cursor.baseAddress! + worker * nodeCount
      let output = shared.entries.baseAddress!
      for source in sources[worker]..<sources[worker + 1] {
        let start = Int(shared.forwardOffsets[source])
        let end = Int(shared.forwardOffsets[source + 1])
        for index in start..<end {
          let entry = shared.forwardEntries[index]
          let target = Int(entry & Adjacency.nodeMask)
          let position = Int(row[target])
          row[target] = UInt32(position + 1)
          (output + position).initialize(to: (entry & ~Adjacency.nodeMask) | UInt32(source))
        }
      }
    }
    let allKinds = kindsSeen.reduce(0, |)
    if allKinds.nonzeroBitCount > 1 {
      sortSlices(offsets: offsets, entries: entries)
    }
    return Arrays(offsets: offsets, entries: entries)
  }

  /// Node boundaries of `chunks` contiguous node ranges with about equal entry counts: range
  /// `k` is `boundaries[k]..<boundaries[k + 1]`.
  static func balancedBoundaries(
    offsets: UnsafeMutableBufferPointer<UInt32>, chunks: Int
  ) -> [Int] {
    let nodeCount = offsets.count - 1
    let entryCount = Int(offsets[nodeCount])
    var boundaries = [0]
    for chunk in 1..<max(chunks, 1) {
      let target = UInt32(entryCount * chunk / chunks)
      var low = boundaries[boundaries.count - 1]
      var high = nodeCount
      while low < high {
        let middle = (low + high) / 2
        if offsets[middle] < target { low = middle + 1 } else { high = middle }
      }
      boundaries.append(low)
    }
    boundaries.append(nodeCount)
    return boundaries
  }

  /// Turns per-node counts stored at `offsets[v + 1]` into start offsets.
  private static func prefixSum(_ offsets: UnsafeMutableBufferPointer<UInt32>) {
    var running: UInt32 = 0
    for index in offsets.indices {
      running &+= offsets[index]
      offsets[index] = running
    }
  }

  /// Sorts the entries of every node, splitting the nodes across processors by entry count
  /// when there are many entries.
  static func sortSlices(
    offsets: UnsafeMutableBufferPointer<UInt32>, entries: UnsafeMutableBufferPointer<UInt32>
  ) {
    let nodeCount = offsets.count - 1
    guard entries.count >= 1 << 16, ParallelWork.processorCount > 1 else {
      sortSlices(nodes: 0..<nodeCount, offsets: offsets, entries: entries)
      return
    }
    // Chunks of about equal entry counts, several per processor so that a hub's long slice
    // does not leave the other processors idle.
    let chunks = ParallelWork.processorCount * 8
    let boundaries = balancedBoundaries(offsets: offsets, chunks: chunks)
    let shared = SharedArrays(
      forwardOffsets: offsets, forwardEntries: entries, offsets: offsets, entries: entries,
      cursor: offsets)
    let ranges = boundaries
    ParallelWork.run(chunks) { chunk in
      sortSlices(
        nodes: ranges[chunk]..<ranges[chunk + 1], offsets: shared.offsets,
        entries: shared.entries)
    }
  }

  private static func sortSlices(
    nodes: Range<Int>, offsets: UnsafeMutableBufferPointer<UInt32>,
    entries: UnsafeMutableBufferPointer<UInt32>
  ) {
    for node in nodes {
      let start = Int(offsets[node])
      let end = Int(offsets[node + 1])
      guard end - start > 1 else { continue }
      var sorted = true
      for index in (start + 1)..<end where entries[index - 1] > entries[index] {
        sorted = false
        break
      }
      if !sorted {
        if end - start <= 32 {
          insertionSort(entries, start..<end)
        } else {
          var slice = UnsafeMutableBufferPointer(rebasing: entries[start..<end])
          slice.sort()
        }
      }
    }
  }

  /// Sorts a short slice in place; faster than the general sort for the few entries most nodes
  /// have.
  @inline(__always)
  private static func insertionSort(
    _ entries: UnsafeMutableBufferPointer<UInt32>, _ range: Range<Int>
  ) {
    for index in (range.lowerBound + 1)..<range.upperBound {
      let value = entries[index]
      var position = index
      while position > range.lowerBound && entries[position - 1] > value {
        entries[position] = entries[position - 1]
        position -= 1
      }
      entries[position] = value
    }
  }

  /// Removes repeated entries inside each sorted slice, moving entries down in place and
  /// rewriting the offsets. Returns the number of entries kept.
  static func removeDuplicates(
    offsets: UnsafeMutableBufferPointer<UInt32>, entries: UnsafeMutableBufferPointer<UInt32>
  ) -> Int {
    var write = 0
    var start = Int(offsets[0])
    for node in 0..<(offsets.count - 1) {
      let end = Int(offsets[node + 1])
      offsets[node] = UInt32(write)
      var previous: UInt32? = nil
      for index in start..<end {
        let entry = entries[index]
        if entry != previous {
          entries[write] = entry
          write += 1
          previous = entry
        }
      }
      start = end
    }
    offsets[offsets.count - 1] = UInt32(write)
    return write
  }
}

/// The buffers that construction workers share. Each worker writes only the nodes or entries
/// its range owns.
struct SharedArrays: @unchecked Sendable {
  // Unchecked Sendable: workers write disjoint elements, and the join orders later reads.
  let forwardOffsets: UnsafeMutableBufferPointer<UInt32>
  let forwardEntries: UnsafeMutableBufferPointer<UInt32>
  let offsets: UnsafeMutableBufferPointer<UInt32>
  let entries: UnsafeMutableBufferPointer<UInt32>
  let cursor: UnsafeMutableBufferPointer<UInt32>
}

/// Splits construction work across processors with Dispatch.
enum ParallelWork {
  static let processorCount = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

  /// Calls `body` with each of `0..<count`, in parallel when `count` is above one.
  static func run(_ count: Int, _ body: @Sendable (Int) -> Void) {
    if count == 1 {
      body(0)
    } else {
      DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }
  }

  /// The `worker`-th of `workers` near-equal contiguous ranges of `0..<count`.
  static func bounds(_ worker: Int, of count: Int, workers: Int) -> Range<Int> {
    (count * worker / workers)..<(count * (worker + 1) / workers)
  }
}

// MARK: - Large buffers

extension UnsafeMutableBufferPointer {
  /// Asks the kernel to back the whole pages of this buffer with transparent huge pages when it
  /// spans at least 4 MiB. Call it before the first write: the advice then cuts the number of
  /// page faults, and the TLB misses of writes at random positions, up to 512 times on x86-64
  /// (2 MiB pages in place of 4 KiB ones). It only advises, so it changes nothing when the
  /// system disables huge pages or on other systems than Linux.
  package func adviseHugePages() {
    #if os(Linux)
      let byteCount = count * MemoryLayout<Element>.stride
      guard byteCount >= 4 << 20, let base = baseAddress else { return }
      let pageMask = UInt(Swift.max(4096, sysconf(Int32(_SC_PAGESIZE)))) - 1
      let start = (UInt(bitPattern: base) + pageMask) & ~pageMask
      let end = (UInt(bitPattern: base) + UInt(byteCount)) & ~pageMask
      guard end > start, let first = UnsafeMutableRawPointer(bitPattern: start) else { return }
      _ = madvise(first, Int(end - start), MADV_HUGEPAGE)
    #endif
  }

  /// Allocates uninitialized memory for `capacity` elements, advised to use huge pages as
  /// `adviseHugePages()` describes; free it with `deallocate()` as usual.
  package static func allocateLarge(capacity: Int) -> UnsafeMutableBufferPointer<Element> {
    let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: capacity)
    buffer.adviseHugePages()
    return buffer
  }
}
