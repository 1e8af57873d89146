import X1601Catalog
import X1601Graph

/// A cloud service under study, as the clause 10 methodology takes it: which threats and
/// challenges apply (step 1) and what is known about its capabilities.
///
/// The JSON form is described in `Datasets/x1601/PROFILE-SCHEMA.md`.
public struct ServiceProfile: Sendable, Equatable {
  /// One threat or challenge that the profile judges.
  public struct ItemJudgement: Sendable, Equatable {
    /// Index of the threat or challenge in `Catalog.items`.
    public var item: Int
    public var applicable: Bool
    public var notes: String?

    public init(item: Int, applicable: Bool, notes: String? = nil) {
      self.item = item
      self.applicable = applicable
      self.notes = notes
    }
  }

  /// The service's name.
  public var service: String
  public var category: ServiceCategory
  public var deployment: DeploymentModel
  public var description: String?
  /// The judged items in file order; items not listed are not applicable.
  public var judgements: [ItemJudgement]
  /// Cost of each capability, indexed like `Catalog.capabilities`; 1 unless the profile says
  /// otherwise. Finite and not negative.
  public var costs: [Double]
  /// Capabilities the service already has: in every cover, at no cost.
  public var implemented: CapabilitySet
  /// Capabilities every cover must contain.
  public var required: CapabilitySet
  /// Capabilities no cover may contain.
  public var excluded: CapabilitySet
  /// Notes on capabilities, keyed by capability index.
  public var capabilityNotes: [Int: String]

  public init(
    service: String, category: ServiceCategory, deployment: DeploymentModel,
    description: String? = nil, judgements: [ItemJudgement],
    costs: [Double] = Array(repeating: 1, count: Catalog.capabilityCount),
    implemented: CapabilitySet = .empty, required: CapabilitySet = .empty,
    excluded: CapabilitySet = .empty, capabilityNotes: [Int: String] = [:]
  ) {
    self.service = service
    self.category = category
    self.deployment = deployment
    self.description = description
    self.judgements = judgements
    self.costs = costs
    self.implemented = implemented
    self.required = required
    self.excluded = excluded
    self.capabilityNotes = capabilityNotes
  }

  /// The threats and challenges judged applicable.
  public var applicable: ItemSet {
    var set = ItemSet.empty
    for judgement in judgements where judgement.applicable {
      set.insert(judgement.item)
    }
    return set
  }

  /// The notes given for item `index`, if any.
  public func notes(forItem index: Int) -> String? {
    judgements.first { $0.item == index }?.notes
  }
}
