import X1601Graph

/// Writes graphs in the x1601 binary format (see `BinaryGraphFormat`).
public enum BinaryGraphWriter {
  /// Writes `graph` to `path` atomically: the bytes go to a temporary file that is renamed over
  /// `path` once complete, so readers never see a partial file.
  ///
  /// - Throws: `BinaryGraphError.writeFailed` when the file cannot be written.
  /// - Complexity: O(*n* + *m*) time; O(1) extra memory beyond the names of an interned table.
  public static func write(_ graph: Graph, to path: String) throws(BinaryGraphError) {
    let nameLayout = graph.names.layout
    let jurisdictionNames = graph.jurisdictions
    var jurisdictionBytes: [UInt8] = []
    var jurisdictionOffsets: [UInt32] = [0]
    for name in jurisdictionNames {
      jurisdictionBytes.append(contentsOf: name.utf8)
      jurisdictionOffsets.append(UInt32(truncatingIfNeeded: jurisdictionBytes.count))
    }
    let nameBytes: [UInt8]
    let nameOffsets: [UInt32]
    switch nameLayout {
    case .interned(let bytes, let offsets):
      nameBytes = bytes
      nameOffsets = offsets
    case .numbered(let prefix):
      nameBytes = Array(prefix.utf8)
      nameOffsets = []
    }
    let hasJurisdictions = graph.withNodeJurisdictions { !$0.isEmpty }
    let counts = BinaryGraphFormat.Counts(
      nodeCount: graph.nodeCount, edgeCount: graph.edgeCount,
      numberedNames: nameOffsets.isEmpty, hasJurisdictions: hasJurisdictions,
      nameByteCount: nameBytes.count, jurisdictionCount: jurisdictionNames.count,
      jurisdictionByteCount: jurisdictionBytes.count)

    let result: Result<Void, BinaryGraphError> = graph.withAdjacency(.forward) { forward in
      graph.withAdjacency(.reverse) { reverse in
        graph.withNodeKinds { kinds in
          graph.withNodeTags { tags in
            graph.withNodeJurisdictions { jurisdictions in
              nameOffsets.withUnsafeBytes { nameOffsets in
                nameBytes.withUnsafeBytes { nameBytes in
                  jurisdictionOffsets.withUnsafeBytes { jurisdictionOffsets in
                    jurisdictionBytes.withUnsafeBytes { jurisdictionBytes in
                      let sections: [UnsafeRawBufferPointer] = [
                        UnsafeRawBufferPointer(forward.offsets),
                        UnsafeRawBufferPointer(forward.entries),
                        UnsafeRawBufferPointer(reverse.offsets),
                        UnsafeRawBufferPointer(reverse.entries),
                        UnsafeRawBufferPointer(kinds), UnsafeRawBufferPointer(tags),
                        UnsafeRawBufferPointer(jurisdictions), nameOffsets, nameBytes,
                        jurisdictionOffsets, jurisdictionBytes,
                      ]
                      return Result { () throws(BinaryGraphError) in
                        try write(sections: sections, counts: counts, to: path)
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    try result.get()
  }

  /// Writes a file from arrays laid out as `counts` describes, in `Section` order.
  package static func write(
    sections: [UnsafeRawBufferPointer], counts: BinaryGraphFormat.Counts, to path: String
  ) throws(BinaryGraphError) {
    #if _endian(big)
      throw .graphTooLarge(path: path, detail: "this build writes only on little-endian machines")
    #else
      let layout = BinaryGraphFormat.Layout(counts)
      for section in BinaryGraphFormat.Section.allCases {
        precondition(
          sections[section.rawValue].count == layout[section].count,
          "\(section.label) hold \(sections[section.rawValue].count) bytes, expected "
            + "\(layout[section].count)")
      }
      guard counts.nodeCount <= Graph.maximumNodeCount, counts.edgeCount <= Int(UInt32.max),
        counts.nameByteCount <= BinaryGraphFormat.maximumNameBytes
      else {
        throw .graphTooLarge(
          path: path,
          detail: "\(counts.nodeCount) nodes, \(counts.edgeCount) edges and "
            + "\(counts.nameByteCount) name bytes exceed the format's limits")
      }
      let checksum = BinaryGraphFormat.checksum(of: sections)
      let header = makeHeader(counts: counts, fileSize: layout.fileSize, checksum: checksum)

      do {
        var writer = try AtomicFileWriter(path: path)
        try writer.write(header)
        var position = header.count
        let zeros = [UInt8](repeating: 0, count: BinaryGraphFormat.alignment)
        for section in BinaryGraphFormat.Section.allCases {
          let range = layout[section]
          if range.lowerBound > position {
            try writer.write(zeros[0..<(range.lowerBound - position)])
          }
          let bytes = sections[section.rawValue]
          var start = 0
          // Pieces of 1 MiB keep the writer's buffer from growing to the size of an array.
          while start < bytes.count {
            let end = min(bytes.count, start + (1 << 20))
            try writer.write(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            start = end
          }
          position = range.upperBound
        }
        if layout.fileSize > position {
          try writer.write(zeros[0..<(layout.fileSize - position)])
        }
        try writer.commit()
      } catch {
        throw BinaryGraphError(error)
      }
    #endif
  }

  static func makeHeader(
    counts: BinaryGraphFormat.Counts, fileSize: Int, checksum: UInt64
  ) -> [UInt8] {
    var header = [UInt8](repeating: 0, count: BinaryGraphFormat.headerSize)
    typealias Field = BinaryGraphFormat.Field
    header.replaceSubrange(0..<8, with: BinaryGraphFormat.magic)
    var flags: UInt32 = 0
    if counts.numberedNames { flags |= BinaryGraphFormat.numberedNamesFlag }
    if counts.hasJurisdictions { flags |= BinaryGraphFormat.jurisdictionsFlag }
    store(BinaryGraphFormat.version, at: Field.version, in: &header)
    store(UInt32(BinaryGraphFormat.headerSize), at: Field.headerSize, in: &header)
    store(flags, at: Field.flags, in: &header)
    store(UInt64(counts.nodeCount), at: Field.nodeCount, in: &header)
    store(UInt64(counts.edgeCount), at: Field.edgeCount, in: &header)
    store(UInt64(counts.nameByteCount), at: Field.nameByteCount, in: &header)
    store(UInt64(counts.jurisdictionCount), at: Field.jurisdictionCount, in: &header)
    store(UInt64(counts.jurisdictionByteCount), at: Field.jurisdictionByteCount, in: &header)
    store(
      UInt64(fileSize - BinaryGraphFormat.headerSize), at: Field.payloadByteCount, in: &header)
    store(checksum, at: Field.payloadChecksum, in: &header)
    store(UInt64(BinaryGraphFormat.checksumBlockSize), at: Field.checksumBlockSize, in: &header)
    let headerChecksum = header.withUnsafeBytes {
      XXHash64.hash(UnsafeRawBufferPointer(rebasing: $0[0..<Field.headerChecksum]))
    }
    store(headerChecksum, at: Field.headerChecksum, in: &header)
    return header
  }

  static func store<Value: FixedWidthInteger>(
    _ value: Value, at offset: Int, in header: inout [UInt8]
  ) {
    withUnsafeBytes(of: value.littleEndian) { bytes in
      header.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
    }
  }
}
