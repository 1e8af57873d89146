import X1601Catalog

extension CapabilityAddressing {
  /// The capabilities of `mapping`, such as `Mapping.tableI1`, and the items each addresses.
  public init(mapping: Mapping) {
    self.init(itemsByCapability: mapping.itemsByCapability.map(\.rawValue))
  }
}
