import Testing
import X1601Catalog
import X1601Graph

@Suite("Catalog as graph nodes and edges")
struct CatalogGraphTests {
  func build(_ mapping: Mapping = .tableI1) throws -> (Graph, CatalogNodes) {
    var builder = GraphBuilder()
    let nodes = Catalog.standard.addNodes(to: &builder, mapping: mapping)
    return (try builder.build(), nodes)
  }

  @Test("node counts by kind")
  func nodeCounts() throws {
    let (graph, nodes) = try build()
    #expect(graph.nodeCount == 40)
    #expect(graph.nodes(ofKind: .threat).count == 5)
    #expect(graph.nodes(ofKind: .challenge).count == 21)
    #expect(graph.nodes(ofKind: .capability).count == 14)
    #expect(nodes.items.count == 26)
    #expect(nodes.capabilities.count == 14)
  }

  @Test("addresses edges follow the mapping")
  func addressesEdges() throws {
    let (graph, nodes) = try build()
    let mapping = Mapping.tableI1
    var addressesCount = 0
    for (capability, node) in nodes.capabilities.enumerated() {
      let targets = Set(graph.neighbors(of: node, .forward, kind: .addresses))
      let expected = Set(mapping.itemsByCapability[capability].indices.map { nodes.items[$0] })
      #expect(targets == expected, "capability 9.\(capability + 1)")
      addressesCount += targets.count
    }
    #expect(addressesCount == mapping.markCount)
  }

  @Test("relatesTo edges follow cross-references")
  func relatesToEdges() throws {
    let (graph, _) = try build()
    let dataLoss = try #require(graph.node(named: "7.1.1"))
    let related = graph.neighbors(of: dataLoss, .forward, kind: .relatesTo).map {
      graph.name(of: $0)
    }
    #expect(Set(related) == ["8.1.2", "8.1.3", "8.1.4"])
    let discontinuity = try #require(graph.node(named: "8.2.7"))
    let next = graph.neighbors(of: discontinuity, .forward, kind: .relatesTo).map {
      graph.name(of: $0)
    }
    #expect(next == ["8.1.5"])
  }

  @Test("roles follow the party")
  func roles() throws {
    let (graph, _) = try build()
    let partner = try #require(graph.node(named: "8.3.1"))
    #expect(graph.attributes(of: partner).role == .partner)
    let customer = try #require(graph.node(named: "7.1.2"))
    #expect(graph.attributes(of: customer).role == .customer)
    let capability = try #require(graph.node(named: "9.14"))
    #expect(graph.kind(of: capability) == .capability)
  }
}
