import FuzzSupport
import X1601Graph
import X1601IO

// Text edge lists: a graph that loads must survive a write and a second read with the same
// node and edge counts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEdgeList(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: data, count: size)
  let graph: Graph
  do {
    graph = try EdgeListReader.read(bytes, path: "fuzz.txt")
  } catch {
    if error.description.isEmpty { FuzzSupport.fail("empty error description") }
    return 0
  }
  let path = FuzzSupport.scratchPath + ".txt"
  defer { FuzzSupport.removeScratch([".txt"]) }
  do {
    try EdgeListWriter.write(graph, to: path)
    let again = try EdgeListReader.load(path: path)
    guard again.nodeCount == graph.nodeCount, again.edgeCount == graph.edgeCount else {
      FuzzSupport.fail(
        "round trip changed \(graph.nodeCount) nodes, \(graph.edgeCount) edges to "
          + "\(again.nodeCount), \(again.edgeCount)")
    }
  } catch {
    FuzzSupport.fail("a loaded graph did not round-trip: \(error)")
  }
  return 0
}
