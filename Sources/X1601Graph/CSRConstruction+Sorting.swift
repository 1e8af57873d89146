extension CSRConstruction {
  /// Sorts each slice of `arrays` and removes repeated entries, on all processors when there
  /// are many entries. When any entry is removed, the entries move to a smaller buffer and the
  /// offsets are rewritten in place.
  ///
  /// - Complexity: O(*n* + *m*): slices of up to 32 entries are sorted by insertion and longer
  ///   ones by a least-significant-digit radix sort on bytes.
  static func sortAndDeduplicate(_ arrays: Arrays) -> Arrays {
    let offsets = arrays.offsets
    let entries = arrays.entries
    let nodeCount = offsets.count - 1
    let edgeCount = entries.count
    let kept = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: max(1, nodeCount))
    defer { kept.deallocate() }
    let parallel = edgeCount >= 1 << 16 && ParallelWork.processorCount > 1
    // Several chunks per processor, so that a hub's long slice does not leave the others idle.
    let chunks = parallel ? ParallelWork.processorCount * 8 : 1
    let boundaries = balancedBoundaries(offsets: offsets, chunks: chunks)
    let shared = SharedArrays(
      forwardOffsets: offsets, forwardEntries: entries, offsets: offsets, entries: entries,
      cursor: kept)
    ParallelWork.run(chunks) { chunk in
      sortAndDeduplicateSlices(
        nodes: boundaries[chunk]..<boundaries[chunk + 1], offsets: shared.offsets,
        entries: shared.entries, kept: shared.cursor)
    }

    var keptTotal = 0
    for node in 0..<nodeCount { keptTotal += Int(kept[node]) }
    guard keptTotal < edgeCount else { return arrays }

    // Move each slice's kept entries to the compact buffer, each chunk of nodes on its own
    // worker, then rewrite the offsets.
    let compactOffsets = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: nodeCount + 1)
    defer { compactOffsets.deallocate() }
    var running: UInt32 = 0
    for node in 0..<nodeCount {
      compactOffsets[node] = running
      running &+= kept[node]
    }
    compactOffsets[nodeCount] = running
    let compact = UnsafeMutableBufferPointer<UInt32>.allocateLarge(capacity: keptTotal)
    let copy = SharedArrays(
      forwardOffsets: offsets, forwardEntries: entries, offsets: compactOffsets,
      entries: compact, cursor: kept)
    ParallelWork.run(chunks) { chunk in
      for node in boundaries[chunk]..<boundaries[chunk + 1] {
        let count = Int(copy.cursor[node])
        guard count > 0 else { continue }
        (copy.entries.baseAddress! + Int(copy.offsets[node])).initialize(
          from: copy.forwardEntries.baseAddress! + Int(copy.forwardOffsets[node]), count: count)
      }
    }
    _ = offsets.update(fromContentsOf: compactOffsets)
    entries.deallocate()
    return Arrays(offsets: offsets, entries: compact)
  }

  /// Sorts the slices of `nodes` and moves each slice's distinct entries to its start, storing
  /// their number in `kept`.
  private static func sortAndDeduplicateSlices(
    nodes: Range<Int>, offsets: UnsafeMutableBufferPointer<UInt32>,
    entries: UnsafeMutableBufferPointer<UInt32>, kept: UnsafeMutableBufferPointer<UInt32>
  ) {
    var longest = 0
    for node in nodes {
      longest = max(longest, Int(offsets[node + 1] &- offsets[node]))
    }
    let scratch = UnsafeMutablePointer<UInt32>.allocate(capacity: max(1, longest))
    let histograms = UnsafeMutablePointer<Int>.allocate(capacity: 4 * 256)
    defer {
      scratch.deallocate()
      histograms.deallocate()
    }
    let base = entries.baseAddress!
    for node in nodes {
      let start = Int(offsets[node])
      let count = Int(offsets[node + 1]) - start
      guard count > 1 else {
        kept[node] = UInt32(count)
        continue
      }
      let slice = base + start
      var sorted = true
      for index in 1..<count where slice[index - 1] > slice[index] {
        sorted = false
        break
      }
      if !sorted {
        if count <= 32 {
          insertionSort(slice, count: count)
        } else {
          radixSort(slice, count: count, scratch: scratch, histograms: histograms)
        }
      }
      var write = 1
      for index in 1..<count where slice[index] != slice[write - 1] {
        slice[write] = slice[index]
        write += 1
      }
      kept[node] = UInt32(write)
    }
  }

  /// Sorts `count` values at `values` by insertion.
  @inline(__always)
  private static func insertionSort(_ values: UnsafeMutablePointer<UInt32>, count: Int) {
    for index in 1..<count {
      let value = values[index]
      var position = index
      while position > 0 && values[position - 1] > value {
        values[position] = values[position - 1]
        position -= 1
      }
      values[position] = value
    }
  }

  /// Sorts `count` values at `values` by their four bytes, lowest first, through `scratch` of
  /// the same size, skipping the bytes that every value shares. `histograms` has room for
  /// 4 × 256 counters.
  static func radixSort(
    _ values: UnsafeMutablePointer<UInt32>, count: Int, scratch: UnsafeMutablePointer<UInt32>,
    histograms: UnsafeMutablePointer<Int>
  ) {
    histograms.initialize(repeating: 0, count: 4 * 256)
    for index in 0..<count {
      let value = values[index]
      histograms[Int(value & 0xFF)] += 1
      histograms[256 + Int((value >> 8) & 0xFF)] += 1
      histograms[512 + Int((value >> 16) & 0xFF)] += 1
      histograms[768 + Int(value >> 24)] += 1
    }
    var from = values
    var to = scratch
    for digit in 0..<4 {
      let shift = UInt32(digit * 8)
      let histogram = histograms + digit * 256
      guard histogram[Int((values[0] >> shift) & 0xFF)] != count else { continue }
      var running = 0
      for bucket in 0..<256 {
        let size = histogram[bucket]
        histogram[bucket] = running
        running += size
      }
      for index in 0..<count {
        let value = from[index]
        let bucket = Int((value >> shift) & 0xFF)
        to[histogram[bucket]] = value
        histogram[bucket] += 1
      }
      swap(&from, &to)
    }
    if from != values { values.update(from: from, count: count) }
  }
}
