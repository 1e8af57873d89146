import X1601Graph

/// The node ids that `Catalog.addNodes(to:mapping:)` gave the catalog's entries.
public struct CatalogNodes: Sendable, Equatable {
  /// One id per threat or challenge, in catalog order.
  public var items: [NodeID]
  /// One id per capability, in catalog order.
  public var capabilities: [NodeID]
}

extension CatalogParty {
  /// The graph's party role for this party.
  public var role: PartyRole {
    switch self {
    case .customer: .customer
    case .provider: .provider
    case .partner: .partner
    }
  }
}

extension Catalog {
  /// Adds the threats, challenges and capabilities to `builder` as nodes named by their clause
  /// number ("7.1.1", "9.14"), with the affected or implementing party as role.
  ///
  /// It adds an `addresses` edge from a capability to each item it addresses in `mapping`, and a
  /// `relatesTo` edge for each cross-reference between two threats or challenges. References
  /// between capabilities (9.2 to 9.1, 9.9 to 9.10) have no edge kind and are left out.
  ///
  /// - Returns: the ids of the added nodes.
  /// - Complexity: O(*r* × *c*) for *r* = 26 items and *c* = 14 capabilities.
  @discardableResult
  public func addNodes(
    to builder: inout GraphBuilder, mapping: Mapping = .tableI1
  )
    -> CatalogNodes
  {
    func add(_ entry: CatalogItem) -> NodeID {
      let kind: NodeKind
      switch entry.kind {
      case .threat: kind = .threat
      case .challenge: kind = .challenge
      case .capability: kind = .capability
      }
      return builder.addNode(
        entry.clause, kind: kind, attributes: NodeAttributes(role: entry.party.role))
    }

    let itemNodes = items.map(add)
    let capabilityNodes = capabilities.map(add)

    for (itemIndex, row) in mapping.rows.enumerated() {
      for capability in row.capabilities.indices {
        builder.addEdge(
          from: capabilityNodes[capability], to: itemNodes[itemIndex], kind: .addresses)
      }
    }
    for reference in crossReferences {
      guard let from = itemIndex(clause: reference.from), let to = itemIndex(clause: reference.to)
      else { continue }
      builder.addEdge(from: itemNodes[from], to: itemNodes[to], kind: .relatesTo)
    }
    return CatalogNodes(items: itemNodes, capabilities: capabilityNodes)
  }
}
