import X1601Analysis
import X1601Graph

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Loads binary graph files by mapping them into memory: the graph's arrays point into the
/// mapping, so loading costs the checks and no parsing or copying.
public enum BinaryGraphReader {
  /// How thoroughly to check a file before using it.
  public enum Verification: Sendable, Hashable {
    /// The header, the file size, the checksum of the arrays, and every rule that keeps reads
    /// in bounds: offsets start at zero, never decrease and end at the edge count; every entry
    /// names an existing node and a known edge kind; node kinds, jurisdiction indices and name
    /// offsets are in range. Runs in O(*n* + *m*) sequential passes over the file.
    case checked
    /// Everything `checked` does, plus the rules that the builder guarantees: each node's
    /// entries are sorted, every edge kind joins node kinds it allows, and the reverse arrays
    /// are the exact transpose of the forward ones (`Graph.validated`).
    case full
  }

  /// Maps the file at `path` and returns the graph it holds.
  ///
  /// The header's counts are checked against the file size before the file is mapped. The
  /// mapping stays alive as long as any copy of the graph does.
  ///
  /// - Throws: `BinaryGraphError` naming the file, the problem and the fix.
  /// - Complexity: O(*n* + *m*) time in sequential passes; O(*n*) extra memory only for
  ///   interned names.
  public static func load(
    path: String, verification: Verification = .checked
  ) throws(BinaryGraphError) -> Graph {
    #if _endian(big)
      throw .graphTooLarge(path: path, detail: "this build reads only on little-endian machines")
    #else
      let descriptor = open(path, O_RDONLY | O_CLOEXEC)
      guard descriptor >= 0 else {
        throw .unreadable(path: path, operation: "open", code: errno)
      }
      defer { close(descriptor) }
      var status = stat()
      guard fstat(descriptor, &status) == 0 else {
        throw .unreadable(path: path, operation: "examine", code: errno)
      }
      guard (status.st_mode & S_IFMT) == S_IFREG else {
        throw .unreadable(path: path, operation: "map (it is not a regular file)", code: EINVAL)
      }
      let fileSize = Int(status.st_size)
      guard fileSize >= BinaryGraphFormat.headerSize else {
        throw .truncatedHeader(path: path, size: fileSize)
      }
      var header = [UInt8](repeating: 0, count: BinaryGraphFormat.headerSize)
      let headerRead = header.withUnsafeMutableBytes {
        pread(descriptor, $0.baseAddress, $0.count, 0)
      }
      guard headerRead == BinaryGraphFormat.headerSize else {
        throw .unreadable(path: path, operation: "read the header of", code: errno)
      }
      let counts = try parseHeader(header, path: path)
      let layout = BinaryGraphFormat.Layout(counts.counts)
      guard layout.fileSize == fileSize else {
        throw .sizeMismatch(
          path: path, expected: UInt64(layout.fileSize), actual: UInt64(fileSize))
      }
      guard UInt64(layout.fileSize - BinaryGraphFormat.headerSize) == counts.payloadByteCount
      else {
        throw .invalidHeader(
          path: path, field: "payload byte count", value: counts.payloadByteCount)
      }

      var flags = MAP_PRIVATE
      #if os(Linux)
        flags |= MAP_POPULATE
      #endif
      guard let base = mmap(nil, fileSize, PROT_READ, flags, descriptor, 0),
        base != MAP_FAILED
      else {
        throw .unreadable(path: path, operation: "map", code: errno)
      }
      let mapping = Mapping(address: UInt(bitPattern: base), size: fileSize)
      let file = UnsafeRawBufferPointer(start: UnsafeRawPointer(base), count: fileSize)
      let parts: Graph.Parts
      do {
        parts = try checkedParts(file: file, header: counts, layout: layout, path: path)
      } catch {
        mapping.unmap()
        throw error
      }
      switch verification {
      case .checked:
        return Graph.trusted(parts: parts, release: { mapping.unmap() })
      case .full:
        do {
          // From here the graph's storage owns the mapping and unmaps it, even on failure.
          return try Graph.validated(parts: parts, release: { mapping.unmap() })
        } catch {
          throw .invalidStructure(path: path, detail: error.description)
        }
      }
    #endif
  }

  /// The fields of a header that passed its checks.
  struct Header {
    var counts: BinaryGraphFormat.Counts
    var payloadByteCount: UInt64
    var checksum: UInt64
  }

  static func parseHeader(_ header: [UInt8], path: String) throws(BinaryGraphError) -> Header {
    typealias Field = BinaryGraphFormat.Field
    guard Array(header[0..<8]) == BinaryGraphFormat.magic else {
      throw .wrongMagic(path: path)
    }
    let version: UInt32 = load(header, at: Field.version)
    guard version == BinaryGraphFormat.version else {
      throw .unsupportedVersion(path: path, version: version)
    }
    let recorded: UInt64 = load(header, at: Field.headerChecksum)
    let computed = header.withUnsafeBytes {
      XXHash64.hash(UnsafeRawBufferPointer(rebasing: $0[0..<Field.headerChecksum]))
    }
    guard recorded == computed else { throw .headerChecksumMismatch(path: path) }

    let headerSize: UInt32 = load(header, at: Field.headerSize)
    guard headerSize == UInt32(BinaryGraphFormat.headerSize) else {
      throw .invalidHeader(path: path, field: "header size", value: UInt64(headerSize))
    }
    let flags: UInt32 = load(header, at: Field.flags)
    guard flags & ~BinaryGraphFormat.knownFlags == 0 else {
      throw .invalidHeader(path: path, field: "flags", value: UInt64(flags))
    }
    let blockSize: UInt64 = load(header, at: Field.checksumBlockSize)
    guard blockSize == UInt64(BinaryGraphFormat.checksumBlockSize) else {
      throw .invalidHeader(path: path, field: "checksum block size", value: blockSize)
    }
    let nodeCount: UInt64 = load(header, at: Field.nodeCount)
    guard nodeCount <= UInt64(Graph.maximumNodeCount) else {
      throw .invalidHeader(path: path, field: "node count", value: nodeCount)
    }
    let edgeCount: UInt64 = load(header, at: Field.edgeCount)
    guard edgeCount <= UInt64(Graph.maximumEdgeCount) else {
      throw .invalidHeader(path: path, field: "edge count", value: edgeCount)
    }
    let nameByteCount: UInt64 = load(header, at: Field.nameByteCount)
    guard nameByteCount <= UInt64(BinaryGraphFormat.maximumNameBytes) else {
      throw .invalidHeader(path: path, field: "name byte count", value: nameByteCount)
    }
    let jurisdictionCount: UInt64 = load(header, at: Field.jurisdictionCount)
    guard jurisdictionCount <= UInt64(BinaryGraphFormat.maximumJurisdictions) else {
      throw .invalidHeader(path: path, field: "jurisdiction count", value: jurisdictionCount)
    }
    let jurisdictionByteCount: UInt64 = load(header, at: Field.jurisdictionByteCount)
    guard jurisdictionByteCount <= UInt64(BinaryGraphFormat.maximumNameBytes) else {
      throw .invalidHeader(
        path: path, field: "jurisdiction byte count", value: jurisdictionByteCount)
    }
    for offset in stride(from: Field.checksumBlockSize + 8, to: Field.headerChecksum, by: 8) {
      let reserved: UInt64 = load(header, at: offset)
      guard reserved == 0 else {
        throw .invalidHeader(path: path, field: "reserved bytes at \(offset)", value: reserved)
      }
    }
    let counts = BinaryGraphFormat.Counts(
      nodeCount: Int(nodeCount), edgeCount: Int(edgeCount),
      numberedNames: flags & BinaryGraphFormat.numberedNamesFlag != 0,
      hasJurisdictions: flags & BinaryGraphFormat.jurisdictionsFlag != 0,
      nameByteCount: Int(nameByteCount), jurisdictionCount: Int(jurisdictionCount),
      jurisdictionByteCount: Int(jurisdictionByteCount))
    return Header(
      counts: counts, payloadByteCount: load(header, at: Field.payloadByteCount),
      checksum: load(header, at: Field.payloadChecksum))
  }

  static func load<Value: FixedWidthInteger>(_ header: [UInt8], at offset: Int) -> Value {
    header.withUnsafeBytes {
      Value(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: Value.self))
    }
  }

  /// A mapped file, unmapped when the graph built on it goes away.
  struct Mapping: Sendable {
    let address: UInt
    let size: Int

    func unmap() {
      munmap(UnsafeMutableRawPointer(bitPattern: address), size)
    }
  }
}
