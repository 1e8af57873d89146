import X1601Analysis
import X1601Graph

extension BinaryGraphReader {
  /// Checks the mapped arrays and returns the graph's parts pointing into them.
  static func checkedParts(
    file: UnsafeRawBufferPointer, header: Header, layout: BinaryGraphFormat.Layout, path: String
  ) throws(BinaryGraphError) -> Graph.Parts {
    typealias Section = BinaryGraphFormat.Section
    let counts = header.counts
    let sections = Section.allCases.map { UnsafeRawBufferPointer(rebasing: file[layout[$0]]) }

    var position = BinaryGraphFormat.headerSize
    for section in Section.allCases {
      let range = layout[section]
      guard file[position..<range.lowerBound].allSatisfy({ $0 == 0 }) else {
        throw .invalidStructure(path: path, detail: "padding before \(section.label) is not zero")
      }
      position = range.upperBound
    }
    guard file[position...].allSatisfy({ $0 == 0 }) else {
      throw .invalidStructure(path: path, detail: "padding at the end of the file is not zero")
    }

    let checksum = BinaryGraphFormat.checksum(of: sections)
    guard checksum == header.checksum else {
      throw .checksumMismatch(path: path, expected: header.checksum, actual: checksum)
    }

    func words(_ section: Section) -> UnsafeBufferPointer<UInt32> {
      let raw = sections[section.rawValue]
      guard let base = raw.baseAddress, !raw.isEmpty else {
        return UnsafeBufferPointer(start: nil, count: 0)
      }
      return UnsafeBufferPointer(
        start: base.bindMemory(to: UInt32.self, capacity: raw.count / 4), count: raw.count / 4)
    }
    func bytes(_ section: Section) -> UnsafeBufferPointer<UInt8> {
      sections[section.rawValue].bindMemory(to: UInt8.self)
    }

    let nodeCount = counts.nodeCount
    let edgeCount = counts.edgeCount
    let forwardOffsets = words(.forwardOffsets)
    let forwardEntries = words(.forwardEntries)
    let reverseOffsets = words(.reverseOffsets)
    let reverseEntries = words(.reverseEntries)
    let nodeKinds = bytes(.nodeKinds)
    let nodeJurisdictions = words(.nodeJurisdictions)

    for (label, offsets) in [("forward", forwardOffsets), ("reverse", reverseOffsets)] {
      if let problem = StructureCheck.offsets(offsets, edgeCount: edgeCount) {
        throw .invalidStructure(path: path, detail: "\(label) offsets \(problem)")
      }
    }
    for (label, entries) in [("forward", forwardEntries), ("reverse", reverseEntries)] {
      if let problem = StructureCheck.entries(entries, nodeCount: nodeCount) {
        throw .invalidStructure(path: path, detail: "\(label) entry \(problem)")
      }
    }
    if let node = StructureCheck.firstByte(in: nodeKinds, atLeast: UInt8(NodeKind.allCases.count)) {
      throw .invalidStructure(
        path: path, detail: "node \(node) has unknown node kind \(nodeKinds[node])")
    }
    if let node = StructureCheck.firstWord(
      in: nodeJurisdictions, above: UInt32(counts.jurisdictionCount))
    {
      throw .invalidStructure(
        path: path,
        detail: "node \(node) has jurisdiction index \(nodeJurisdictions[node]) of "
          + "\(counts.jurisdictionCount)")
    }

    let names = try readNames(
      offsets: words(.nameOffsets), bytes: bytes(.nameBytes), counts: counts, path: path)
    let jurisdictionNames = try readStrings(
      offsets: words(.jurisdictionOffsets), bytes: bytes(.jurisdictionBytes),
      label: "jurisdiction", path: path)

    return Graph.Parts(
      forwardOffsets: forwardOffsets, forwardEntries: forwardEntries,
      reverseOffsets: reverseOffsets, reverseEntries: reverseEntries,
      nodeKinds: nodeKinds, nodeTags: bytes(.nodeTags), nodeJurisdictions: nodeJurisdictions,
      jurisdictionNames: jurisdictionNames, names: names)
  }

  static func readNames(
    offsets: UnsafeBufferPointer<UInt32>, bytes: UnsafeBufferPointer<UInt8>,
    counts: BinaryGraphFormat.Counts, path: String
  ) throws(BinaryGraphError) -> NameTable {
    if counts.numberedNames {
      return .numbered(prefix: String(decoding: bytes, as: UTF8.self), count: counts.nodeCount)
    }
    if let problem = StructureCheck.offsets(offsets, edgeCount: bytes.count) {
      throw .invalidStructure(path: path, detail: "name offsets \(problem)")
    }
    guard let table = NameTable.interned(bytes: Array(bytes), offsets: Array(offsets)) else {
      throw .invalidStructure(path: path, detail: "two nodes have the same name")
    }
    return table
  }

  static func readStrings(
    offsets: UnsafeBufferPointer<UInt32>, bytes: UnsafeBufferPointer<UInt8>, label: String,
    path: String
  ) throws(BinaryGraphError) -> [String] {
    if let problem = StructureCheck.offsets(offsets, edgeCount: bytes.count) {
      throw .invalidStructure(path: path, detail: "\(label) offsets \(problem)")
    }
    return (0..<(offsets.count - 1)).map { index in
      let range = Int(offsets[index])..<Int(offsets[index + 1])
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
  }
}

/// Linear checks over mapped arrays, split across processors.
enum StructureCheck {
  /// Describes the first broken rule of CSR offsets, or returns `nil`: the first is zero, none
  /// decreases, and the last is `edgeCount`.
  static func offsets(_ offsets: UnsafeBufferPointer<UInt32>, edgeCount: Int) -> String? {
    guard let first = offsets.first, let last = offsets.last else { return "are missing" }
    guard first == 0 else { return "start at \(first), expected 0" }
    guard Int(last) == edgeCount else { return "end at \(last), expected \(edgeCount)" }
    let shared = SendableWords(buffer: offsets)
    let broken = anyChunk(count: offsets.count - 1) { range in
      let words = shared.buffer
      var decreases = false
      for index in range {
        decreases = decreases || (words[index + 1] < words[index])
      }
      return decreases
    }
    guard broken else { return nil }
    for index in 0..<(offsets.count - 1) where offsets[index + 1] < offsets[index] {
      return "decrease after position \(index)"
    }
    return nil
  }

  /// Describes the first entry that names a node at or above `nodeCount` or an unknown edge
  /// kind, or returns `nil`.
  static func entries(_ entries: UnsafeBufferPointer<UInt32>, nodeCount: Int) -> String? {
    let shared = SendableWords(buffer: entries)
    let kindLimit = UInt32(EdgeKind.allCases.count)
    let nodeLimit = UInt32(nodeCount)
    let broken = anyChunk(count: entries.count) { range in
      let words = shared.buffer
      var largestNode: UInt32 = 0
      var largestKind: UInt32 = 0
      for index in range {
        let entry = words[index]
        largestNode = max(largestNode, entry & Adjacency.nodeMask)
        largestKind = max(largestKind, entry >> Adjacency.kindShift)
      }
      return (nodeLimit == 0 && !range.isEmpty) || largestNode >= nodeLimit
        || largestKind >= kindLimit
    }
    guard broken else { return nil }
    for (index, entry) in entries.enumerated() {
      if Adjacency.node(entry) >= nodeLimit {
        return "\(index) names node \(Adjacency.node(entry)) of \(nodeCount)"
      }
      if UInt32(Adjacency.kindValue(entry)) >= kindLimit {
        return "\(index) has unknown edge kind \(Adjacency.kindValue(entry))"
      }
    }
    return nil
  }

  static func firstByte(in bytes: UnsafeBufferPointer<UInt8>, atLeast limit: UInt8) -> Int? {
    var largest: UInt8 = 0
    for byte in bytes { largest = max(largest, byte) }
    guard largest >= limit else { return nil }
    return bytes.firstIndex { $0 >= limit }
  }

  static func firstWord(in words: UnsafeBufferPointer<UInt32>, above limit: UInt32) -> Int? {
    var largest: UInt32 = 0
    for word in words { largest = max(largest, word) }
    guard largest > limit else { return nil }
    return words.firstIndex { $0 > limit }
  }

  /// Whether `test` returns true for any of the chunks that split `0..<count`.
  private static func anyChunk(
    count: Int, _ test: @escaping @Sendable (Range<Int>) -> Bool
  ) -> Bool {
    let chunks = ParallelLoop.processorCount * 4
    let results = FlagArray(count: chunks)
    ParallelLoop.run(count: chunks, parallel: count > 1 << 16) { chunkRange in
      for chunk in chunkRange {
        results.set(chunk, test(ParallelLoop.bounds(of: chunk, in: count, chunks: chunks)))
      }
    }
    return results.any
  }
}

/// Read-only words shared with parallel workers.
struct SendableWords: @unchecked Sendable {
  // Unchecked Sendable: workers only read the buffer, which outlives them.
  let buffer: UnsafeBufferPointer<UInt32>
}

/// One flag per parallel chunk, each written by one worker only.
final class FlagArray: @unchecked Sendable {
  // Unchecked Sendable: each worker writes its own element, and reads happen after the join.
  private let flags: UnsafeMutableBufferPointer<Bool>

  init(count: Int) {
    flags = .allocate(capacity: count)
    flags.initialize(repeating: false)
  }

  deinit { flags.deallocate() }

  func set(_ index: Int, _ value: Bool) { flags[index] = value }

  var any: Bool { flags.contains(true) }
}
