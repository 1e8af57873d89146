import FuzzSupport
import X1601Graph
import X1601IO

// Binary graph files. The input is a header followed by arrays. When the first byte is even,
// the target sizes the arrays to the header's counts and fills in both checksums, so that the
// reader's structural checks see the bytes; otherwise the file is loaded exactly as given.
// A graph that loads must survive a write and a second load.

let headerSize = 128
let alignment = 64

func aligned(_ value: Int) -> Int { (value + alignment - 1) / alignment * alignment }

func load64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
  var value: UInt64 = 0
  for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
  return value
}

func store64(_ value: UInt64, _ bytes: inout [UInt8], _ offset: Int) {
  for index in 0..<8 {
    bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))
  }
}

/// The section lengths of the version 1 layout (docs/binary-format.md), or `nil` when the
/// counts describe more than `limit` bytes.
func sectionLengths(_ header: [UInt8], limit: Int) -> [Int]? {
  let flags = load64(header, 16) & 0xFFFF_FFFF
  let counts = [24, 32, 40, 48, 56].map { load64(header, $0) }
  guard counts.allSatisfy({ $0 < UInt64(limit) }) else { return nil }
  let nodes = Int(counts[0])
  let edges = Int(counts[1])
  let numbered = flags & 1 != 0
  let jurisdictions = flags & 2 != 0
  let lengths = [
    4 * (nodes + 1), 4 * edges, 4 * (nodes + 1), 4 * edges, nodes, nodes,
    jurisdictions ? 4 * nodes : 0, numbered ? 0 : 4 * (nodes + 1), Int(counts[2]),
    4 * (Int(counts[3]) + 1), Int(counts[4]),
  ]
  return lengths.reduce(0, +) <= limit ? lengths : nil
}

func repaired(_ input: [UInt8]) -> [UInt8] {
  var header = Array(input.prefix(headerSize))
  header += [UInt8](repeating: 0, count: headerSize - header.count)
  header.replaceSubrange(0..<8, with: [0x89, 0x58, 0x31, 0x36, 0x30, 0x31, 0x0D, 0x0A])
  guard let lengths = sectionLengths(header, limit: 1 << 16) else { return input }
  var arrays = Array(input.dropFirst(headerSize))
  var file = header
  var digests: [UInt8] = []
  for length in lengths {
    let take = min(length, arrays.count)
    var section = Array(arrays.prefix(take)) + [UInt8](repeating: 0, count: length - take)
    arrays.removeFirst(take)
    if !section.isEmpty {
      var digest = [UInt8](repeating: 0, count: 8)
      store64(XXH64.hash(section), &digest, 0)
      digests += digest
    }
    section += [UInt8](repeating: 0, count: aligned(file.count + length) - file.count - length)
    file += section
  }
  store64(UInt64(file.count - headerSize), &file, 64)
  store64(XXH64.hash(digests), &file, 72)
  store64(XXH64.hash(Array(file[0..<120])), &file, 120)
  return file
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBinaryGraph(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let input = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let file = data[0] % 2 == 0 ? repaired(input) : input
  let verification: BinaryGraphReader.Verification = data[0] & 2 == 0 ? .checked : .full
  let path = FuzzSupport.scratchPath + ".x1601"
  let copy = FuzzSupport.scratchPath + "-copy.x1601"
  defer { FuzzSupport.removeScratch([".x1601", "-copy.x1601"]) }
  FuzzSupport.writeFile(file, to: path)
  let graph: Graph
  do {
    graph = try BinaryGraphReader.load(path: path, verification: verification)
  } catch {
    if error.description.isEmpty { FuzzSupport.fail("empty error description") }
    return 0
  }
  // Touch every array the checks vouched for.
  var sum = 0
  for node in 0..<graph.nodeCount {
    let id = NodeID(node)
    sum &+= graph.name(of: id).utf8.count &+ Int(graph.kind(of: id).rawValue)
    sum &+= graph.degree(of: id, .forward) &+ graph.degree(of: id, .reverse)
    for edge in graph.edges(of: id, .forward) { sum &+= Int(edge.node) }
  }
  do {
    try BinaryGraphWriter.write(graph, to: copy)
    // `.checked` vouches for bounds only, so a graph it loaded may break the builder's rules
    // (edge kinds, sorting) and is reloaded with the same level.
    let again = try BinaryGraphReader.load(path: copy, verification: verification)
    guard again.nodeCount == graph.nodeCount, again.edgeCount == graph.edgeCount else {
      FuzzSupport.fail("round trip changed the counts")
    }
  } catch {
    FuzzSupport.fail("a loaded graph did not round-trip: \(error) (\(sum))")
  }
  return 0
}
