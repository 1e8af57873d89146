import Foundation
import Testing
import X1601Graph

@testable import X1601Render

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Renders `graph` to SVG and returns the parsed document.
func renderedSVG(_ graph: DOTGraph) throws -> XMLDocument {
  let picture = try GraphvizRenderer.render(graph, format: .svg)
  #expect(picture.warnings.isEmpty, "Graphviz warnings: \(picture.warnings)")
  return try XMLDocument(data: Data(picture.data))
}

/// The `id` attributes of the SVG groups of class `kind` (`node`, `edge` or `cluster`).
func svgIDs(_ document: XMLDocument, kind: String) throws -> Set<String> {
  let query = "//*[contains(concat(' ', @class, ' '), ' \(kind) ')]/@id"
  return Set(try document.nodes(forXPath: query).compactMap(\.stringValue))
}

/// The ids of the SVG groups whose class list contains `className`.
func svgIDs(_ document: XMLDocument, withClass className: String) throws -> Set<String> {
  try svgIDs(document, kind: className)
}

@Suite("Mapping view")
struct CoverMappingViewTests {
  @Test("golden DOT")
  func golden() throws {
    try Golden.check(
      DOTWriter.write(CoverMappingView.graph(Fixtures.mapping)), named: "mapping.dot")
  }

  @Test("SVG has every item and capability")
  func svgNodes() throws {
    let document = try renderedSVG(CoverMappingView.graph(Fixtures.mapping))
    let nodes = try svgIDs(document, kind: "node")
    for item in Fixtures.mapping.items {
      #expect(nodes.contains("item-\(item.id)"))
    }
    for capability in Fixtures.mapping.capabilities {
      #expect(nodes.contains("capability-\(capability.id)"))
    }
    #expect(
      try svgIDs(document, withClass: "cover").isSuperset(of: ["capability-9.7", "capability-9.9"]))
    #expect(try svgIDs(document, withClass: "uncovered") == ["item-7.1.1", "item-8.2.9"])
    #expect(try svgIDs(document, withClass: "not-applicable") == ["item-7.1.3", "item-8.3.1"])
    #expect(
      try svgIDs(document, withClass: "covered") == ["item-8.1.4", "item-8.1.5", "item-8.2.6"])
  }

  @Test("one cluster per clause")
  func clauseClusters() {
    let graph = CoverMappingView.graph(Fixtures.mapping)
    let ids = graph.body.subgraphs.map(\.id)
    #expect(
      ids == [
        "cluster_capabilities", "cluster_clause_7.1", "cluster_clause_8.1", "cluster_clause_8.2",
        "cluster_clause_8.3",
      ])
  }

  @Test("cells of unknown rows are dropped")
  func unknownCells() {
    var mapping = Fixtures.mapping
    mapping.cells.append(.init(capability: "9.2", item: "9.99"))
    mapping.cells.append(.init(capability: "9.99", item: "8.1.4"))
    let cellEdges = CoverMappingView.graph(mapping).body.edges.filter {
      $0.attributes["style"] != "invis"
    }
    #expect(cellEdges.count == Fixtures.mapping.cells.count)
  }

  @Test("columns follow clause order")
  func clauseOrder() throws {
    let document = try renderedSVG(CoverMappingView.graph(Fixtures.mapping))
    func top(_ id: String) throws -> Double {
      let query = "//*[@id='\(id)']//*[local-name()='text'][1]/@y"
      let value = try #require(try document.nodes(forXPath: query).first?.stringValue)
      return try #require(Double(value))
    }
    let capabilityTops = try Fixtures.mapping.capabilities.map { try top("capability-\($0.id)") }
    let itemTops = try Fixtures.mapping.items.map { try top("item-\($0.id)") }
    #expect(capabilityTops == capabilityTops.sorted())
    #expect(itemTops == itemTops.sorted())
    #expect(Set(capabilityTops).count == capabilityTops.count)
    #expect(Set(itemTops).count == itemTops.count)
  }
}

@Suite("Chain view")
struct ChainViewTests {
  @Test("golden DOT grouped by party")
  func goldenByParty() throws {
    let graph = try ChainView.graph(Fixtures.chain())
    try Golden.check(DOTWriter.write(graph), named: "chain-party.dot")
  }

  @Test("golden DOT grouped by jurisdiction")
  func goldenByJurisdiction() throws {
    let graph = try ChainView.graph(
      Fixtures.chain(), options: ChainViewOptions(grouping: .jurisdiction))
    try Golden.check(DOTWriter.write(graph), named: "chain-jurisdiction.dot")
  }

  @Test("golden DOT collapsed by party and kind")
  func goldenCollapsed() throws {
    let graph = try ChainView.graph(
      Fixtures.chain(), options: ChainViewOptions(summary: .collapseByGroupAndKind))
    try Golden.check(DOTWriter.write(graph), named: "chain-collapsed.dot")
  }

  @Test("SVG has every service and component")
  func svgNodes() throws {
    let document = try renderedSVG(ChainView.graph(Fixtures.chain()))
    let nodes = try svgIDs(document, kind: "node")
    #expect(
      nodes == [
        "file-share", "object-store", "auth-service", "libcrypto", "sync-agent", "legend",
      ])
    let clusters = try document.nodes(
      forXPath: "//*[@class='cluster party']/*[local-name()='text']"
    )
    .compactMap(\.stringValue)
    #expect(clusters.contains(Fixtures.hostileParty + " (partner)"))
    #expect(try svgIDs(document, withClass: "exposure-1").contains("object-store"))
  }

  @Test("edges point from dependency to dependent")
  func edgeDirection() throws {
    let graph = try Fixtures.chain()
    let picture = try ChainView.graph(graph)
    let fileShare = try #require(graph.node(named: "file-share"))
    let objectStore = try #require(graph.node(named: "object-store"))
    #expect(
      picture.body.edges.contains {
        $0.from == ChainView.dotID(objectStore) && $0.to == ChainView.dotID(fileShare)
      })
    #expect(picture.body.edges.count == 5)
  }

  @Test("invalid options are rejected")
  func invalidOptions() throws {
    let graph = try Fixtures.chain()
    #expect(throws: RenderError.self) {
      try ChainView.graph(graph, options: ChainViewOptions(nodeBudget: 0))
    }
    #expect(throws: RenderError.self) {
      try ChainView.graph(graph, options: ChainViewOptions(scores: [1, 2]))
    }
    #expect(throws: RenderError.self) {
      try ChainView.graph(
        graph, options: ChainViewOptions(summary: .neighborhood(focus: 999, depth: 1)))
    }
  }
}

@Suite("Propagation view")
struct PropagationViewTests {
  @Test("golden DOT")
  func golden() throws {
    let graph = try Fixtures.chain()
    let picture = try PropagationView.graph(graph, highlight: Fixtures.propagation(on: graph))
    try Golden.check(DOTWriter.write(picture), named: "propagation.dot")
  }

  @Test("SVG marks sources, affected nodes and edges")
  func svgHighlights() throws {
    let graph = try Fixtures.chain()
    let picture = try PropagationView.graph(graph, highlight: Fixtures.propagation(on: graph))
    let document = try renderedSVG(picture)
    #expect(try svgIDs(document, withClass: "source") == ["libcrypto"])
    #expect(try svgIDs(document, withClass: "affected") == ["auth-service", "file-share"])
    #expect(try svgIDs(document, withClass: "witness").count == 2)
    #expect(try svgIDs(document, withClass: "blocked").count == 1)
  }

  @Test("budget keeps sources and witness nodes first")
  func budgetPriority() throws {
    let graph = try Fixtures.chain()
    let picture = try PropagationView.graph(
      graph, highlight: Fixtures.propagation(on: graph),
      options: ChainViewOptions(nodeBudget: 2, title: "Propagation"))
    let drawn =
      picture.body.subgraphs.flatMap(\.nodes).map(\.id)
      + picture.body.nodes.map(\.id).filter { $0 != "legend" }
    let crypto = try #require(graph.node(named: "libcrypto"))
    let auth = try #require(graph.node(named: "auth-service"))
    #expect(Set(drawn) == [ChainView.dotID(crypto), ChainView.dotID(auth)])
  }

  @Test("node id out of range is rejected")
  func outOfRange() throws {
    let graph = try Fixtures.chain()
    #expect(throws: RenderError.self) {
      try PropagationView.graph(
        graph, highlight: PropagationHighlight(sources: [9999], affected: []))
    }
  }
}
