import X1601Analysis
import X1601Graph

extension SupplyChainModel {
  /// Builds the typed graph and the propagation inputs of the model.
  ///
  /// Parties, services and components become nodes named by their ids. A provider gets a
  /// `provides` edge to its service, a node a `suppliedBy` edge to each supplier and a
  /// `dependsOn` edge to each dependency. Each capability and item the model mentions becomes
  /// one node named `"clause 9.4"` or `"clause 8.1.5"`, joined by `implements` and `exposedTo`
  /// edges. An any-of group of two or more members becomes a group node named
  /// `"<id> | any of <k>"` that the node depends on and that depends on each member; a group of
  /// one member is a plain dependency.
  ///
  /// - Throws: `ModelError.invalid` listing every bad reference; `file` names the source.
  /// - Complexity: O(*n* + *m*) expected, for *n* nodes and *m* references.
  public func makeSupplyChain(file: String = "model") throws(ModelError) -> SupplyChain {
    var fields = JSONFields()
    validate(fields: &fields)
    guard fields.problems.isEmpty else {
      throw ModelError.invalid(file: file, all: fields.problems)
    }

    let nodes = services + components
    var edgeEstimate = 0
    for node in nodes {
      edgeEstimate += node.dependsOn.count + node.suppliers.count + node.capabilities.count
      edgeEstimate += node.exposures.count + 1
      for group in node.anyOf { edgeEstimate += group.count + 1 }
    }
    var builder = GraphBuilder(
      expectedNodes: parties.count + nodes.count, expectedEdges: edgeEstimate)
    var ids: [String: NodeID] = [:]
    ids.reserveCapacity(parties.count + nodes.count)
    for party in parties {
      ids[party.id] = builder.addNode(
        party.id, kind: .party,
        attributes: NodeAttributes(role: party.role, jurisdiction: party.jurisdiction))
    }
    for service in services {
      ids[service.id] = builder.addNode(
        service.id, kind: .service,
        attributes: NodeAttributes(
          category: service.category, deployment: service.deployment,
          jurisdiction: service.jurisdiction))
    }
    for component in components {
      ids[component.id] = builder.addNode(
        component.id, kind: .component,
        attributes: NodeAttributes(jurisdiction: component.jurisdiction))
    }

    var groupOf: [Pair: NodeID] = [:]
    var groupNodes: [NodeID] = []
    for node in nodes {
      guard let id = ids[node.id] else { continue }
      if let provider = node.provider, let party = ids[provider] {
        builder.addEdge(from: party, to: id, kind: .provides)
      }
      for supplier in node.suppliers {
        if let party = ids[supplier] { builder.addEdge(from: id, to: party, kind: .suppliedBy) }
      }
      for dependency in node.dependsOn {
        if let target = ids[dependency] { builder.addEdge(from: id, to: target, kind: .dependsOn) }
      }
      for (index, group) in node.anyOf.enumerated() {
        let members = group.compactMap { ids[$0] }
        if members.count == 1 {
          builder.addEdge(from: id, to: members[0], kind: .dependsOn)
          continue
        }
        let group = builder.addNode("\(node.id) | any of \(index + 1)", kind: .component)
        groupNodes.append(group)
        builder.addEdge(from: id, to: group, kind: .dependsOn)
        for (position, member) in members.enumerated() {
          builder.addEdge(from: group, to: member, kind: .dependsOn)
          groupOf[Pair(node.anyOf[index][position], node.id)] = group
        }
      }
    }

    // Clause nodes for the capabilities and items the model mentions.
    var clauseNodes: [String: NodeID] = [:]
    func clauseNode(_ clause: String, kind: NodeKind) -> NodeID {
      if let known = clauseNodes[clause] { return known }
      let node = builder.addNode(SupplyChainModel.clauseNodePrefix + clause, kind: kind)
      clauseNodes[clause] = node
      return node
    }
    var capabilityMasks: [NodeID: UInt16] = [:]
    var exposureMasks: [NodeID: UInt32] = [:]
    func implement(_ owner: NodeID, _ clauses: [String]) {
      for clause in clauses {
        guard let index = SupplyChainItems.capabilityIndex(clause: clause) else { continue }
        builder.addEdge(from: owner, to: clauseNode(clause, kind: .capability), kind: .implements)
        capabilityMasks[owner, default: 0] |= 1 << UInt16(index)
      }
    }
    for party in parties {
      if let id = ids[party.id] { implement(id, party.capabilities) }
    }
    for node in nodes {
      guard let id = ids[node.id] else { continue }
      implement(id, node.capabilities)
      for clause in node.exposures {
        guard let index = SupplyChainItems.itemIndex(clause: clause) else { continue }
        let kind: NodeKind = clause.hasPrefix("7.") ? .threat : .challenge
        builder.addEdge(from: id, to: clauseNode(clause, kind: kind), kind: .exposedTo)
        exposureMasks[id, default: 0] |= 1 << UInt32(index)
      }
    }

    let graph: Graph
    do {
      graph = try builder.build()
    } catch {
      let problems = error.problems.map { ModelProblem(location: "$", message: $0.description) }
      throw ModelError.invalid(file: file, all: problems)
    }

    var implemented = [UInt16](repeating: 0, count: graph.nodeCount)
    for (node, mask) in capabilityMasks { implemented[Int(node)] = mask }
    var exposures = [UInt32](repeating: 0, count: graph.nodeCount)
    for (node, mask) in exposureMasks { exposures[Int(node)] = mask }
    var isGroup = [Bool](repeating: false, count: graph.nodeCount)
    for node in groupNodes { isGroup[Int(node)] = true }

    var costTable: [SupplyChain.Placement: Double] = [:]
    for cost in self.costs {
      guard let node = ids[cost.node],
        let capability = SupplyChainItems.capabilityIndex(clause: cost.capability)
      else { continue }
      costTable[SupplyChain.Placement(node: node, capability: capability)] = cost.cost
    }
    var transmission: [SupplyChain.Link: Double] = [:]
    for link in transmissions {
      guard let upstream = ids[link.upstream], let downstream = ids[link.downstream] else {
        continue
      }
      transmission[SupplyChain.Link(upstream: upstream, downstream: downstream)] = link.probability
      if let group = groupOf[Pair(link.upstream, link.downstream)] {
        transmission[SupplyChain.Link(upstream: upstream, downstream: group)] = link.probability
      }
    }
    return SupplyChain(
      graph: graph, implemented: implemented, exposures: exposures, isAnyOfGroup: isGroup,
      costs: costTable, transmission: transmission)
  }
}
