import X1601Analysis
import X1601Graph

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads text edge lists (see `EdgeListParser` for the syntax) into graphs.
///
/// When every node token is a decimal number, the number is the node id: the graph has one
/// more node than the largest id and names its nodes by their ids, as igraph and NetworkX read
/// such files. Otherwise every distinct token is a node name, numbered in order of first
/// appearance. A node's kind is the one declared with `#node NAME KIND`, or else the first of
/// component, service, party, capability, threat and challenge that all its edges allow.
public enum EdgeListReader {
  /// Reads the edge list at `path`.
  ///
  /// - Throws: `EdgeListError` naming the file, the line and the token.
  /// - Complexity: O(*k* + *n* + *m* log *d*) for a file of *k* bytes.
  public static func load(path: String) throws(EdgeListError) -> Graph {
    let file = try MappedFile(path: path)
    defer { file.unmap() }
    return try read(file.bytes, path: path)
  }

  /// Reads an edge list held in memory; `path` names it in errors.
  public static func read(
    _ bytes: UnsafeRawBufferPointer, path: String
  ) throws(EdgeListError) -> Graph {
    var parsed = try parse(bytes, path: path)
    return try build(&parsed, bytes: bytes, path: path)
  }

  /// The parsed edges of a file, before the graph is built.
  package struct Parsed {
    /// The edges, in pieces whose concatenation is the file's order.
    package var pieces: [EdgeListParser.Edges]
    /// The names of nodes, or `nil` when tokens are decimal ids.
    package var names: TokenTable?
    package var nodeCount: Int
    package var edgeCount: Int { pieces.reduce(0) { $0 + $1.sources.count } }
  }

  /// The node count that decimal ids may always imply, whatever the file's size.
  static let minimumNodeLimit = 1 << 20

  /// Parses `bytes`, splitting them across processors when every token is a decimal id.
  package static func parse(
    _ bytes: UnsafeRawBufferPointer, path: String, parallel: Bool = true
  ) throws(EdgeListError) -> Parsed {
    let starts = chunkStarts(bytes, chunks: parallel && bytes.count > 1 << 20 ? 2 : 1)
    let results = OutcomeSlots(count: starts.count)
    let shared = SendableRawBuffer(buffer: bytes)
    ParallelLoop.run(count: starts.count, parallel: parallel) { range in
      for chunk in range {
        let end = chunk + 1 < starts.count ? starts[chunk + 1] : shared.buffer.count
        let piece = UnsafeRawBufferPointer(rebasing: shared.buffer[starts[chunk]..<end])
        var resolver = EdgeListParser.DecimalResolver()
        results.store(
          EdgeListParser.parse(piece, resolver: &resolver),
          at: chunk)
      }
    }

    var pieces: [EdgeListParser.Edges] = []
    var needsNames = false
    for chunk in 0..<starts.count {
      switch results.take(chunk) {
      case .parsed(let edges): pieces.append(edges)
      case .needsNames: needsNames = true
      case .failed(let failure):
        if !needsNames {
          let before = lineCount(UnsafeRawBufferPointer(rebasing: bytes[0..<starts[chunk]]))
          throw .syntax(
            path: path, line: failure.line + before, token: failure.token,
            problem: failure.problem)
        }
      }
    }
    if !needsNames {
      let nodeCount = pieces.map(\.nodeCount).max() ?? 0
      // Every id below the largest becomes a node of about 20 bytes, so a line such as
      // "0 268435000" would allocate gigabytes; ids far beyond the file's size are rejected.
      let limit = max(minimumNodeLimit, 16 * bytes.count)
      guard nodeCount <= limit else {
        throw .invalidGraph(
          path: path,
          detail: "the largest node id, \(nodeCount - 1), implies \(nodeCount) nodes, more than "
            + "the \(limit) accepted from a file of \(bytes.count) bytes; number the nodes from 0 "
            + "without large gaps, or name them with text such as n\(nodeCount - 1)")
      }
      return Parsed(pieces: pieces, names: nil, nodeCount: nodeCount)
    }

    var table = TokenTable()
    switch EdgeListParser.parse(bytes, resolver: &table) {
    case .parsed(let edges):
      return Parsed(pieces: [edges], names: table, nodeCount: table.count)
    case .needsNames:
      throw .invalidGraph(path: path, detail: "more than \(Graph.maximumNodeCount) nodes")
    case .failed(let failure):
      throw .syntax(
        path: path, line: failure.line, token: failure.token, problem: failure.problem)
    }
  }

  /// Offsets at which `chunks` pieces of `bytes` start, each after a line feed.
  static func chunkStarts(_ bytes: UnsafeRawBufferPointer, chunks: Int) -> [Int] {
    var starts = [0]
    for chunk in 1..<max(chunks, 1) {
      var position = max(bytes.count * chunk / chunks, starts[starts.count - 1])
      while position < bytes.count && bytes[position] != 0x0A { position += 1 }
      if position < bytes.count { starts.append(position + 1) }
    }
    return starts
  }

  static func lineCount(_ bytes: UnsafeRawBufferPointer) -> Int {
    var count = 0
    for byte in bytes where byte == 0x0A { count += 1 }
    return count
  }
}

/// One parse outcome per chunk, each written by one worker.
final class OutcomeSlots: @unchecked Sendable {
  // Unchecked Sendable: each worker stores into its own slot of a buffer allocated once, before
  // the join; reads follow it. An array property would be written as a whole by every store,
  // which is a data race between workers.
  private let slots: UnsafeMutableBufferPointer<EdgeListParser.Outcome?>

  init(count: Int) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil)
  }

  deinit {
    _ = slots.deinitialize()
    slots.deallocate()
  }

  func store(_ outcome: EdgeListParser.Outcome, at index: Int) {
    slots[index] = outcome
  }

  func take(_ index: Int) -> EdgeListParser.Outcome {
    let outcome = slots[index] ?? .needsNames
    slots[index] = nil
    return outcome
  }
}

/// A read-only mapping of a whole file.
struct MappedFile {
  let bytes: UnsafeRawBufferPointer

  init(path: String) throws(EdgeListError) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw .unreadable(path: path, operation: "open", code: errno) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw .unreadable(path: path, operation: "examine", code: errno)
    }
    guard (status.st_mode & S_IFMT) == S_IFREG else {
      throw .unreadable(path: path, operation: "read (it is not a regular file)", code: EINVAL)
    }
    let size = Int(status.st_size)
    guard size > 0 else {
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      return
    }
    var flags = MAP_PRIVATE
    #if os(Linux)
      flags |= MAP_POPULATE
    #endif
    guard let base = mmap(nil, size, PROT_READ, flags, descriptor, 0), base != MAP_FAILED else {
      throw .unreadable(path: path, operation: "map", code: errno)
    }
    bytes = UnsafeRawBufferPointer(start: base, count: size)
  }

  func unmap() {
    if let base = bytes.baseAddress {
      munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
    }
  }
}
