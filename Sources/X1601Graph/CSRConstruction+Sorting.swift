extension CSRConstruction {
  /// Sorts each slice of `arrays` and removes repeated entries, on all processors when there
  /// are many entries. When any entry is removed, the kept entries move down in place and the
  /// offsets are rewritten, so the returned entries start at the same address and are fewer.
  ///
  /// - Complexity: O(*n* + *m*): slices of up to 32 entries are sorted by insertion and longer
  ///   ones by a least-significant-digit radix sort on bytes.
  static func sortAndDeduplicate(_ arrays: Arrays) -> Arrays {
    let offsets = arrays.offsets
    let entries = arrays.entries
    let nodeCount = offsets.count - 1
    let edgeCount = entries.count
    let kept = UnsafeMutableBufferPointer<UInt32>.allocateLarge(capacity: max(1, nodeCount))
    defer { kept.deallocate() }
    let parallel = edgeCount >= 1 << 16 && ParallelWork.processorCount > 1
    // Several chunks per processor, so that a hub's long slice does not leave the others idle.
    let chunks = parallel ? ParallelWork.processorCount * 8 : 1
    let boundaries = balancedBoundaries(offsets: offsets, chunks: chunks)
    // `keptPerChunk[k]` is the number of entries chunk k keeps, packed at the chunk's start.
    let keptPerChunk = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: chunks)
    defer { keptPerChunk.deallocate() }
    // Workers write the slots of `keptPerChunk` (as `forwardEntries`) and `kept` that their
    // chunk owns.
    let shared = SharedArrays(
      forwardOffsets: offsets, forwardEntries: keptPerChunk, offsets: offsets, entries: entries,
      cursor: kept)
    ParallelWork.run(chunks) { chunk in
      shared.forwardEntries[chunk] = sortAndDeduplicateSlices(
        nodes: boundaries[chunk]..<boundaries[chunk + 1], offsets: shared.offsets,
        entries: shared.entries, kept: shared.cursor)
    }

    var keptTotal = 0
    for chunk in 0..<chunks { keptTotal += Int(keptPerChunk[chunk]) }
    guard keptTotal < edgeCount else { return arrays }

    // Each chunk's kept entries move down to follow those of the chunks before it. A chunk
    // moves only after the earlier ones, because its destination may overlap their sources.
    let base = entries.baseAddress!
    var destination = 0
    for chunk in 0..<chunks {
      let source = Int(offsets[boundaries[chunk]])
      let count = Int(keptPerChunk[chunk])
      if destination != source && count > 0 {
        UnsafeMutableRawPointer(base + destination).copyMemory(
          from: base + source, byteCount: count * MemoryLayout<UInt32>.stride)
      }
      destination += count
    }
    var running: UInt32 = 0
    for node in 0..<nodeCount {
      offsets[node] = running
      running &+= kept[node]
    }
    offsets[nodeCount] = running
    // NOTE: the removed entries' memory stays allocated at the end of the buffer until the
    // graph frees it, about 4 bytes per repeated edge.
    return Arrays(
      offsets: offsets, entries: UnsafeMutableBufferPointer(start: base, count: keptTotal))
  }

  /// Sorts the slices of `nodes` and packs each slice's distinct entries right after those of
  /// the slices before it, from the start of the first slice on. Stores each slice's number of
  /// distinct entries in `kept`, and returns their sum.
  private static func sortAndDeduplicateSlices(
    nodes: Range<Int>, offsets: UnsafeMutableBufferPointer<UInt32>,
    entries: UnsafeMutableBufferPointer<UInt32>, kept: UnsafeMutableBufferPointer<UInt32>
  ) -> UInt32 {
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
    guard !nodes.isEmpty else { return 0 }
    let base = entries.baseAddress!
    // Packed entries never pass the start of the slice being read, so moving them is safe.
    var output = base + Int(offsets[nodes.lowerBound])
    for node in nodes {
      let start = Int(offsets[node])
      let count = Int(offsets[node + 1]) - start
      let slice = base + start
      guard count > 1 else {
        if count == 1 { output[0] = slice[0] }
        output += count
        kept[node] = UInt32(count)
        continue
      }
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
      // Reading index i and writing below it keeps the unread entries intact.
      var previous = slice[0]
      output[0] = previous
      var write = 1
      for index in 1..<count {
        let value = slice[index]
        if value != previous {
          output[write] = value
          write += 1
          previous = value
        }
      }
      output += write
      kept[node] = UInt32(write)
    }
    return UInt32(truncatingIfNeeded: output - (base + Int(offsets[nodes.lowerBound])))
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
