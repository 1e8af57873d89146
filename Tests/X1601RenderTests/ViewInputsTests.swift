import Testing
import X1601Analysis
import X1601Catalog
import X1601Graph

@testable import X1601Render

@Suite("View inputs from analyses")
struct ViewInputsTests {
  @Test("propagation highlight from a run")
  func highlightFromPropagation() throws {
    let graph = try Fixtures.chain()
    let crypto = try #require(graph.node(named: "libcrypto"))
    let auth = try #require(graph.node(named: "auth-service"))
    let fileShare = try #require(graph.node(named: "file-share"))
    let objectStore = try #require(graph.node(named: "object-store"))
    var implemented = [UInt16](repeating: 0, count: graph.nodeCount)
    implemented[Int(objectStore)] = UInt16((1 << Catalog.capabilityCount) - 1)
    let chain = SupplyChain(graph: graph, implemented: implemented)
    let item = try #require(Catalog.standard.itemIndex(clause: "8.2.9"))
    let options = PropagationOptions(
      origins: [PropagationOrigin(node: crypto, items: 1 << UInt32(item))],
      addressing: CapabilityAddressing(mapping: .tableI1))
    let result = Propagation.run(chain, options)

    let highlight = PropagationHighlight(result: result, chain: chain)
    #expect(highlight.sources == [crypto])
    #expect(Set(highlight.affected) == [auth, fileShare])
    #expect(
      Set(highlight.witnessEdges)
        == [.init(from: crypto, to: auth), .init(from: auth, to: fileShare)])
    #expect(highlight.blockedEdges == [.init(from: crypto, to: objectStore)])
    #expect(highlight.items[crypto] == ["8.2.9"])
    #expect(!(highlight.items[fileShare] ?? []).isEmpty)
  }
}
