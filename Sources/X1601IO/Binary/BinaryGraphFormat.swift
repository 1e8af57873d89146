import X1601Analysis
import X1601Graph

/// The layout of x1601 binary graph files, version 1; docs/binary-format.md describes it for
/// readers in other languages.
///
/// A file is a 128-byte header followed by the graph's arrays, each little-endian and starting
/// at a multiple of 64 bytes, with zero bytes in between. The position of every array follows
/// from the counts in the header, so a reader checks the file size against the counts, maps the
/// file and uses the arrays in place.
package enum BinaryGraphFormat {
  /// The first eight bytes of every file: 0x89, "X1601", CR, LF. The high first byte and the
  /// line ending catch files damaged by a text-mode transfer.
  package static let magic: [UInt8] = [0x89, 0x58, 0x31, 0x36, 0x30, 0x31, 0x0D, 0x0A]
  package static let version: UInt32 = 1
  package static let headerSize = 128
  /// Every array starts at a multiple of this many bytes.
  package static let alignment = 64
  /// The arrays are checksummed in blocks of this many bytes, so that blocks can be verified in
  /// parallel.
  package static let checksumBlockSize = 1 << 20

  /// Header flag: names are numbered (node `i` is the stored prefix and `i`); otherwise they are
  /// stored one by one.
  package static let numberedNamesFlag: UInt32 = 1
  /// Header flag: the file stores a jurisdiction index for each node.
  package static let jurisdictionsFlag: UInt32 = 2
  static let knownFlags = numberedNamesFlag | jurisdictionsFlag

  /// Byte offsets of the header fields.
  enum Field {
    static let version = 8
    static let headerSize = 12
    static let flags = 16
    static let nodeCount = 24
    static let edgeCount = 32
    static let nameByteCount = 40
    static let jurisdictionCount = 48
    static let jurisdictionByteCount = 56
    static let payloadByteCount = 64
    static let payloadChecksum = 72
    static let checksumBlockSize = 80
    static let headerChecksum = 120
  }

  /// The counts a header records.
  package struct Counts: Equatable, Sendable {
    package var nodeCount: Int
    package var edgeCount: Int
    package var numberedNames: Bool
    package var hasJurisdictions: Bool
    /// The bytes of all names, or of the prefix when names are numbered.
    package var nameByteCount: Int
    package var jurisdictionCount: Int
    package var jurisdictionByteCount: Int
  }

  /// The arrays of a file in order. Absent arrays have zero length.
  package enum Section: Int, CaseIterable, Sendable {
    case forwardOffsets, forwardEntries, reverseOffsets, reverseEntries
    case nodeKinds, nodeTags, nodeJurisdictions
    case nameOffsets, nameBytes, jurisdictionOffsets, jurisdictionBytes

    var label: String {
      switch self {
      case .forwardOffsets: "forward offsets"
      case .forwardEntries: "forward entries"
      case .reverseOffsets: "reverse offsets"
      case .reverseEntries: "reverse entries"
      case .nodeKinds: "node kinds"
      case .nodeTags: "node attributes"
      case .nodeJurisdictions: "node jurisdictions"
      case .nameOffsets: "name offsets"
      case .nameBytes: "name bytes"
      case .jurisdictionOffsets: "jurisdiction offsets"
      case .jurisdictionBytes: "jurisdiction bytes"
      }
    }
  }

  /// Where each array lies in a file with the given counts.
  package struct Layout: Sendable {
    /// Byte offset and length of each section, indexed by `Section.rawValue`.
    package var ranges: [Range<Int>]
    /// The size of the whole file.
    package var fileSize: Int

    package init(_ counts: Counts) {
      let nodes = counts.nodeCount
      let edges = counts.edgeCount
      let lengths: [Int] = [
        4 * (nodes + 1), 4 * edges, 4 * (nodes + 1), 4 * edges,
        nodes, nodes, counts.hasJurisdictions ? 4 * nodes : 0,
        counts.numberedNames ? 0 : 4 * (nodes + 1), counts.nameByteCount,
        4 * (counts.jurisdictionCount + 1), counts.jurisdictionByteCount,
      ]
      var position = BinaryGraphFormat.headerSize
      ranges = []
      for length in lengths {
        ranges.append(position..<(position + length))
        position = BinaryGraphFormat.aligned(position + length)
      }
      fileSize = position
    }

    package subscript(section: Section) -> Range<Int> { ranges[section.rawValue] }
  }

  static func aligned(_ value: Int) -> Int {
    (value + alignment - 1) / alignment * alignment
  }

  /// The largest counts a reader accepts before computing a layout, so that the arithmetic on
  /// them cannot overflow.
  static let maximumNameBytes = Int(UInt32.max)
  static let maximumJurisdictions = 1 << 24

  /// The checksum of the arrays: XXH64 over the concatenated little-endian XXH64 digests of
  /// every `checksumBlockSize` block of every non-empty section, in section order.
  package static func checksum(
    of sections: [UnsafeRawBufferPointer], parallel: Bool = true
  ) -> UInt64 {
    var blocks: [UnsafeRawBufferPointer] = []
    for section in sections {
      var start = 0
      while start < section.count {
        let end = min(section.count, start + checksumBlockSize)
        blocks.append(UnsafeRawBufferPointer(rebasing: section[start..<end]))
        start = end
      }
    }
    var digests = [UInt64](repeating: 0, count: blocks.count)
    digests.withUnsafeMutableBufferPointer { digests in
      let output = SendablePointer(digests.baseAddress)
      let work = blocks.map(SendableRawBuffer.init)
      let hashRange = { @Sendable (range: Range<Int>) in
        for index in range {
          output.pointer![index] = XXHash64.hash(work[index].buffer).littleEndian
        }
      }
      ParallelLoop.run(count: blocks.count, parallel: parallel, body: hashRange)
    }
    return digests.withUnsafeBytes { XXHash64.hash($0) }
  }
}

/// A pointer handed to parallel workers that write disjoint elements.
struct SendablePointer<Pointee>: @unchecked Sendable {
  // Unchecked Sendable: each worker writes only the elements of its own range.
  let pointer: UnsafeMutablePointer<Pointee>?
  init(_ pointer: UnsafeMutablePointer<Pointee>?) { self.pointer = pointer }
}

/// A raw buffer handed to parallel workers that only read it.
struct SendableRawBuffer: @unchecked Sendable {
  // Unchecked Sendable: workers only read the buffer, which outlives them.
  let buffer: UnsafeRawBufferPointer
}
