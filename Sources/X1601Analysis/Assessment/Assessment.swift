import X1601Catalog

/// The three steps of the clause 10 methodology for one service profile.
///
/// Step 1 is the profile's judgement of each threat and challenge. Step 2 chooses capabilities
/// from the mapping (Table I.1 or a user's grid) that address every applicable item, as exact
/// minimum covers. Step 3 lists the control areas that clause 10 derives from the capabilities
/// of the minimum-cost cover; the standard names them only for 9.9 and 9.10.
public struct Assessment: Sendable {
  /// Step 1: the judgement of one threat or challenge.
  public struct ItemRow: Sendable, Equatable {
    public var item: Int
    public var applicable: Bool
    public var notes: String?
  }

  /// Step 3: the control areas derived from one capability.
  public struct ControlDerivation: Sendable, Equatable {
    public var capability: Int
    /// Empty when the standard names no control area for the capability.
    public var controlAreas: [ControlArea]
  }

  public let profile: ServiceProfile
  public let mapping: Mapping
  public let catalog: Catalog
  /// Step 1: one row per threat or challenge, in catalog order.
  public let step1: [ItemRow]
  /// Step 2.
  public let step2: CapabilitySelection
  /// Step 3: one entry per capability of the minimum-cost cover.
  public let step3: [ControlDerivation]

  /// Runs the three steps.
  ///
  /// - Complexity: O(2^*k*) for the *k* ≤ 14 capabilities that can help; see `CoverSolver`.
  public init(profile: ServiceProfile, mapping: Mapping = .tableI1, catalog: Catalog = .standard) {
    self.profile = profile
    self.mapping = mapping
    self.catalog = catalog

    step1 = catalog.items.indices.map { index in
      let judgement = profile.judgements.first { $0.item == index }
      return ItemRow(
        item: index, applicable: judgement?.applicable ?? false, notes: judgement?.notes)
    }

    step2 = CapabilitySelection(
      targets: profile.applicable, mapping: mapping, costs: profile.costs,
      implemented: profile.implemented, required: profile.required, excluded: profile.excluded)

    step3 = step2.solution.minimumCostCover.indices.map { capability in
      let clause = catalog.capabilities[capability].clause
      return ControlDerivation(
        capability: capability,
        controlAreas: catalog.controlAreas.filter { $0.capability == clause })
    }
  }
}
