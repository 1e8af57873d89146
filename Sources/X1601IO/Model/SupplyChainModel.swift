import X1601Graph

/// A supply chain model: parties, services and components, the dependencies between them, the
/// capabilities each implements and the threats and challenges each is exposed to.
///
/// The JSON form is described in `docs/model-format.md`. Node ids are unique across parties,
/// services and components; capabilities and items are clause numbers such as `"9.11"` and
/// `"8.1.5"`.
public struct SupplyChainModel: Sendable, Equatable {
  /// The format name that the `format` field carries.
  public static let formatName = "x1601-supply-chain"

  /// The format version that this code reads and writes.
  public static let formatVersion = 1

  /// The prefix of the names of the clause nodes (capabilities, threats and challenges) in the
  /// built graph; ids may not start with it.
  public static let clauseNodePrefix = "clause "

  public var name: String?
  public var parties: [Party]
  public var services: [Node]
  public var components: [Node]
  public var costs: [Cost]
  public var transmissions: [Transmission]

  public init(
    name: String? = nil, parties: [Party] = [], services: [Node] = [], components: [Node] = [],
    costs: [Cost] = [], transmissions: [Transmission] = []
  ) {
    self.name = name
    self.parties = parties
    self.services = services
    self.components = components
    self.costs = costs
    self.transmissions = transmissions
  }

  /// A cloud service customer, provider or partner.
  public struct Party: Sendable, Equatable {
    public var id: String
    public var role: PartyRole?
    public var jurisdiction: String?
    /// Clause numbers of the capabilities the party implements, such as `"9.12"`.
    public var capabilities: [String]

    public init(
      id: String, role: PartyRole? = nil, jurisdiction: String? = nil, capabilities: [String] = []
    ) {
      self.id = id
      self.role = role
      self.jurisdiction = jurisdiction
      self.capabilities = capabilities
    }
  }

  /// A service or a component.
  public struct Node: Sendable, Equatable {
    public var id: String
    /// A display name, when it differs from the id.
    public var name: String?
    /// The service category; services only.
    public var category: ServiceCategory?
    /// The deployment model; services only.
    public var deployment: DeploymentModel?
    /// The id of the party that provides the service; services only.
    public var provider: String?
    /// The ids of the parties that supply the node, such as a component's supplier.
    public var suppliers: [String]
    public var jurisdiction: String?
    /// The ids of the services and components this node depends on: each one affected affects
    /// this node.
    public var dependsOn: [String]
    /// Groups of alternatives: any one member of a group suffices, so an item reaches this node
    /// through a group only when it reaches every member.
    public var anyOf: [[String]]
    /// Clause numbers of the capabilities the node implements, such as `"9.4"`.
    public var capabilities: [String]
    /// Clause numbers of the threats and challenges the node is exposed to, such as `"7.1.2"`.
    public var exposures: [String]
    /// The trust zone the node runs in, as named by its source.
    public var trustZone: String?
    /// Whether calls to the node cross a trust boundary.
    public var trustBoundary: Bool?
    /// Classifications of the data the node handles, such as `"PII"`.
    public var data: [String]

    public init(
      id: String, name: String? = nil, category: ServiceCategory? = nil,
      deployment: DeploymentModel? = nil, provider: String? = nil, suppliers: [String] = [],
      jurisdiction: String? = nil, dependsOn: [String] = [], anyOf: [[String]] = [],
      capabilities: [String] = [], exposures: [String] = [], trustZone: String? = nil,
      trustBoundary: Bool? = nil, data: [String] = []
    ) {
      self.id = id
      self.name = name
      self.category = category
      self.deployment = deployment
      self.provider = provider
      self.suppliers = suppliers
      self.jurisdiction = jurisdiction
      self.dependsOn = dependsOn
      self.anyOf = anyOf
      self.capabilities = capabilities
      self.exposures = exposures
      self.trustZone = trustZone
      self.trustBoundary = trustBoundary
      self.data = data
    }
  }

  /// The cost of implementing a capability at a node.
  public struct Cost: Sendable, Equatable {
    public var node: String
    /// Clause number of the capability.
    public var capability: String
    public var cost: Double

    public init(node: String, capability: String, cost: Double) {
      self.node = node
      self.capability = capability
      self.cost = cost
    }
  }

  /// The probability that items travel a link, from `upstream` to `downstream`.
  public struct Transmission: Sendable, Equatable {
    public var upstream: String
    public var downstream: String
    public var probability: Double

    public init(upstream: String, downstream: String, probability: Double) {
      self.upstream = upstream
      self.downstream = downstream
      self.probability = probability
    }
  }
}
