import Testing
import X1601Graph

@testable import X1601Render

/// Small inputs for the view tests.
enum Fixtures {
  /// Part of Table I.1: the three rows whose cells are known, one applicable row without
  /// cells and two rows that do not apply.
  static let mapping = CoverMapping(
    items: [
      .init(id: "7.1.1", title: "Data loss and leakage", kind: .threat),
      .init(id: "7.1.3", title: "Insider threats", kind: .threat, isApplicable: false),
      .init(id: "8.1.4", title: "Loss of privacy", kind: .challenge),
      .init(id: "8.1.5", title: "Service unavailability", kind: .challenge),
      .init(id: "8.2.6", title: "Bad migration and integration", kind: .challenge),
      .init(id: "8.2.9", title: "Supply chain vulnerability", kind: .challenge),
      .init(
        id: "8.3.1", title: "Ambiguity in responsibility", kind: .challenge, isApplicable: false),
    ],
    capabilities: [
      .init(
        id: "9.2",
        title:
          "Identity and access management (IAM), authentication, authorization and transaction audit"
      ),
      .init(id: "9.4", title: "Interface security"),
      .init(id: "9.7", title: "Data isolation, protection and privacy protection"),
      .init(id: "9.9", title: "Operational security"),
      .init(id: "9.11", title: "Disaster recovery"),
      .init(id: "9.12", title: "Service security assessment and audit"),
    ],
    cells: [
      .init(capability: "9.2", item: "8.1.4"),
      .init(capability: "9.7", item: "8.1.4"),
      .init(capability: "9.12", item: "8.1.4"),
      .init(capability: "9.9", item: "8.1.5"),
      .init(capability: "9.11", item: "8.1.5"),
      .init(capability: "9.4", item: "8.2.6"),
      .init(capability: "9.7", item: "8.2.6"),
      .init(capability: "9.9", item: "8.2.6"),
    ],
    cover: ["9.7", "9.9"],
    uncovered: ["7.1.1", "8.2.9"],
    title: "File storage as a service")

  /// A party name that contains every character with a meaning in DOT, SVG or HTML.
  static let hostileParty = "Q&A \"Ops\" <EU> {1} | C:\\ops\\"

  /// A supply chain of three parties, three services and two components.
  static func chain() throws -> Graph {
    var builder = GraphBuilder()
    let acme = builder.addNode(
      "Acme Cloud", kind: .party, attributes: .init(role: .provider, jurisdiction: "EU"))
    let blue = builder.addNode(
      "Blue Storage", kind: .party, attributes: .init(role: .provider, jurisdiction: "US"))
    let partner = builder.addNode(
      hostileParty, kind: .party, attributes: .init(role: .partner, jurisdiction: "EU"))
    let fileShare = builder.addNode(
      "file-share", kind: .service, attributes: .init(category: .saas, deployment: .public))
    let objectStore = builder.addNode(
      "object-store", kind: .service, attributes: .init(category: .iaas))
    let auth = builder.addNode("auth-service", kind: .service, attributes: .init(category: .paas))
    let crypto = builder.addNode("libcrypto", kind: .component)
    let agent = builder.addNode("sync-agent", kind: .component)
    let loss = builder.addNode("7.1.1", kind: .threat)
    let unavailable = builder.addNode("8.1.5", kind: .challenge)
    let supply = builder.addNode("8.2.9", kind: .challenge)
    let recovery = builder.addNode("9.11", kind: .capability)

    builder.addEdge(from: acme, to: fileShare, kind: .provides)
    builder.addEdge(from: acme, to: auth, kind: .provides)
    builder.addEdge(from: blue, to: objectStore, kind: .provides)
    builder.addEdge(from: crypto, to: partner, kind: .suppliedBy)
    builder.addEdge(from: agent, to: partner, kind: .suppliedBy)
    builder.addEdge(from: fileShare, to: objectStore, kind: .dependsOn)
    builder.addEdge(from: fileShare, to: auth, kind: .dependsOn)
    builder.addEdge(from: fileShare, to: agent, kind: .dependsOn)
    builder.addEdge(from: auth, to: crypto, kind: .dependsOn)
    builder.addEdge(from: objectStore, to: crypto, kind: .dependsOn)
    builder.addEdge(from: objectStore, to: unavailable, kind: .exposedTo)
    builder.addEdge(from: objectStore, to: loss, kind: .exposedTo)
    builder.addEdge(from: fileShare, to: loss, kind: .exposedTo)
    builder.addEdge(from: crypto, to: supply, kind: .exposedTo)
    builder.addEdge(from: objectStore, to: recovery, kind: .implements)
    return try builder.build()
  }

  /// A propagation of 8.2.9 from libcrypto, stopped before object-store.
  static func propagation(on graph: Graph) throws -> PropagationHighlight {
    let crypto = try #require(graph.node(named: "libcrypto"))
    let auth = try #require(graph.node(named: "auth-service"))
    let fileShare = try #require(graph.node(named: "file-share"))
    let objectStore = try #require(graph.node(named: "object-store"))
    return PropagationHighlight(
      sources: [crypto],
      affected: [crypto, auth, fileShare],
      items: [crypto: ["8.2.9"], auth: ["8.2.9"], fileShare: ["8.2.9"]],
      witnessEdges: [.init(from: crypto, to: auth), .init(from: auth, to: fileShare)],
      blockedEdges: [.init(from: crypto, to: objectStore)])
  }
}
