/// A dense node identifier: nodes of a graph are numbered `0..<nodeCount`.
public typealias NodeID = UInt32

/// The kind of a node. Raw values are stable because binary graph files store them.
public enum NodeKind: UInt8, CaseIterable, Sendable, Hashable {
  /// A security threat of clause 7.
  case threat = 0
  /// A security challenge of clause 8.
  case challenge = 1
  /// A security capability of clause 9.
  case capability = 2
  /// A party: a cloud service customer, provider or partner (clause 3.2.12).
  case party = 3
  /// A cloud service (clause 3.2.2).
  case service = 4
  /// A software or hardware component that a service or another component is built from.
  case component = 5

  /// The lower-case name used in files and messages, such as `"service"`.
  public var name: String {
    switch self {
    case .threat: "threat"
    case .challenge: "challenge"
    case .capability: "capability"
    case .party: "party"
    case .service: "service"
    case .component: "component"
    }
  }

  /// The kind whose `name` is `name`, or `nil`.
  public init?(name: String) {
    guard let kind = NodeKind.allCases.first(where: { $0.name == name }) else { return nil }
    self = kind
  }
}

/// The kind of an edge. Raw values are stable because binary graph files store them, and they fit
/// in the four bits that adjacency entries reserve for the kind.
public enum EdgeKind: UInt8, CaseIterable, Sendable, Hashable {
  /// A capability addresses a threat or challenge (Table I.1).
  case addresses = 0
  /// A threat or challenge refers to another one (the cross-references of clauses 7 and 8).
  case relatesTo = 1
  /// A party provides a service.
  case provides = 2
  /// A service or component depends on an upstream service or component. The edge points from
  /// the dependent to its dependency, so items travel against it.
  case dependsOn = 3
  /// A service or component is supplied by a party.
  case suppliedBy = 4
  /// A party, service or component implements a capability.
  case implements = 5
  /// A service or component is exposed to a threat or challenge.
  case exposedTo = 6

  /// The kebab-case name used in files and messages, such as `"depends-on"`.
  public var name: String {
    switch self {
    case .addresses: "addresses"
    case .relatesTo: "relates-to"
    case .provides: "provides"
    case .dependsOn: "depends-on"
    case .suppliedBy: "supplied-by"
    case .implements: "implements"
    case .exposedTo: "exposed-to"
    }
  }

  /// The kind whose `name` is `name`, or `nil`.
  public init?(name: String) {
    guard let kind = EdgeKind.allCases.first(where: { $0.name == name }) else { return nil }
    self = kind
  }

  /// The node kinds an edge of this kind may start from.
  public var allowedSourceKinds: Set<NodeKind> {
    switch self {
    case .addresses: [.capability]
    case .relatesTo: [.threat, .challenge]
    case .provides: [.party]
    case .dependsOn, .suppliedBy, .exposedTo: [.service, .component]
    case .implements: [.party, .service, .component]
    }
  }

  /// The node kinds an edge of this kind may end at.
  public var allowedTargetKinds: Set<NodeKind> {
    switch self {
    case .addresses, .relatesTo, .exposedTo: [.threat, .challenge]
    case .provides: [.service]
    case .dependsOn: [.service, .component]
    case .suppliedBy: [.party]
    case .implements: [.capability]
    }
  }

  /// Whether an edge of this kind may join a node of kind `source` to one of kind `target`.
  public func allows(from source: NodeKind, to target: NodeKind) -> Bool {
    EdgeKindRules.table[Int(rawValue)] & (1 << (Int(source.rawValue) * 8 + Int(target.rawValue)))
      != 0
  }
}

/// The allowed (source kind, target kind) pairs of each edge kind as a bit mask, so that the
/// builder checks an edge with one load and one shift.
enum EdgeKindRules {
  static let table: [UInt64] = EdgeKind.allCases.map { kind in
    var mask: UInt64 = 0
    for source in kind.allowedSourceKinds {
      for target in kind.allowedTargetKinds {
        mask |= 1 << (UInt64(source.rawValue) * 8 + UInt64(target.rawValue))
      }
    }
    return mask
  }
}

/// The role a party plays (clauses 3.2.3 to 3.2.5).
public enum PartyRole: UInt8, CaseIterable, Sendable, Hashable {
  case customer = 0
  case provider = 1
  case partner = 2

  /// The lower-case name used in files, such as `"provider"`.
  public var name: String {
    switch self {
    case .customer: "customer"
    case .provider: "provider"
    case .partner: "partner"
    }
  }

  /// The role whose `name` is `name` (case-insensitive), or `nil`.
  public init?(name: String) {
    let lowered = name.lowercased()
    guard let role = PartyRole.allCases.first(where: { $0.name == lowered }) else { return nil }
    self = role
  }
}

/// A cloud service category (clauses 3.2.7, 3.2.9, 3.2.11, 3.2.13 and 3.2.17).
public enum ServiceCategory: UInt8, CaseIterable, Sendable, Hashable {
  case iaas = 0
  case paas = 1
  case saas = 2
  case naas = 3
  case caas = 4

  /// The conventional spelling, such as `"SaaS"`.
  public var name: String {
    switch self {
    case .iaas: "IaaS"
    case .paas: "PaaS"
    case .saas: "SaaS"
    case .naas: "NaaS"
    case .caas: "CaaS"
    }
  }

  /// The category whose `name` is `name` (case-insensitive), or `nil`.
  public init?(name: String) {
    let lowered = name.lowercased()
    guard let category = ServiceCategory.allCases.first(where: { $0.name.lowercased() == lowered })
    else { return nil }
    self = category
  }
}

/// A cloud deployment model (clauses 3.2.8, 3.2.14 and 3.2.15; hybrid combines them).
public enum DeploymentModel: UInt8, CaseIterable, Sendable, Hashable {
  case `public` = 0
  case `private` = 1
  case community = 2
  case hybrid = 3

  /// The lower-case name used in files, such as `"public"`.
  public var name: String {
    switch self {
    case .public: "public"
    case .private: "private"
    case .community: "community"
    case .hybrid: "hybrid"
    }
  }

  /// The model whose `name` is `name` (case-insensitive), or `nil`.
  public init?(name: String) {
    let lowered = name.lowercased()
    guard let model = DeploymentModel.allCases.first(where: { $0.name == lowered }) else {
      return nil
    }
    self = model
  }
}

/// The optional attributes of a node. Parties carry a role, services a category and a
/// deployment model; any node may carry a jurisdiction, such as a country code.
public struct NodeAttributes: Sendable, Hashable {
  public var role: PartyRole?
  public var category: ServiceCategory?
  public var deployment: DeploymentModel?
  public var jurisdiction: String?

  public init(
    role: PartyRole? = nil, category: ServiceCategory? = nil,
    deployment: DeploymentModel? = nil, jurisdiction: String? = nil
  ) {
    self.role = role
    self.category = category
    self.deployment = deployment
    self.jurisdiction = jurisdiction
  }
}

// MARK: - Packing

extension NodeAttributes {
  /// Packs role, category and deployment into one byte: bits 0–1 hold the role plus one, bits
  /// 2–4 the category plus one and bits 5–7 the deployment plus one, with zero meaning absent.
  var packedTag: UInt8 {
    let role = self.role.map { $0.rawValue + 1 } ?? 0
    let category = self.category.map { $0.rawValue + 1 } ?? 0
    let deployment = self.deployment.map { $0.rawValue + 1 } ?? 0
    return role | (category << 2) | (deployment << 5)
  }

  /// Unpacks the byte that `packedTag` makes; values out of range read as absent.
  init(packedTag tag: UInt8, jurisdiction: String?) {
    let role = tag & 0b11
    let category = (tag >> 2) & 0b111
    let deployment = (tag >> 5) & 0b111
    self.init(
      role: role == 0 ? nil : PartyRole(rawValue: role - 1),
      category: category == 0 ? nil : ServiceCategory(rawValue: category - 1),
      deployment: deployment == 0 ? nil : DeploymentModel(rawValue: deployment - 1),
      jurisdiction: jurisdiction)
  }
}
