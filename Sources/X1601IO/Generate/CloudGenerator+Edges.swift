import Foundation
import X1601Graph

extension CloudGenerator {
  /// Appends the adjacency entries (kind << 28 | target) of the edges out of `node` to
  /// `entries`, sorted and without repeats.
  func appendEdges(of node: Int, to entries: inout [UInt32]) {
    let start = entries.count
    var random = CounterRandom(
      seed: parameters.seed, stream: Stream.edges.rawValue, index: UInt64(node))
    switch kind(of: node) {
    case .threat, .challenge:
      for item in 0..<Layout.itemCount where item != node && random.chance(0.05) {
        entries.append(Adjacency.entry(NodeID(item), kind: .relatesTo))
      }
    case .capability:
      for item in 0..<Layout.itemCount where random.chance(0.2) {
        entries.append(Adjacency.entry(NodeID(item), kind: .addresses))
      }
      if entries.count == start {
        entries.append(
          Adjacency.entry(NodeID(random.below(Layout.itemCount)), kind: .addresses))
      }
    case .party:
      appendPartyEdges(of: node, random: &random, to: &entries)
    case .service, .component:
      appendAssetEdges(of: node, random: &random, to: &entries)
    }
    sortAndDeduplicate(&entries, from: start)
  }

  private func appendPartyEdges(
    of node: Int, random: inout CounterRandom, to entries: inout [UInt32]
  ) {
    guard let tier = layout.tier(of: node) else { return }
    if tier != .partner {
      let rank = node - layout.parties[tier.rawValue].lowerBound
      let starts = samplers.blockStarts[tier.rawValue]
      let base = layout.assets[tier.rawValue].lowerBound
      for asset in starts[rank]..<starts[rank + 1] {
        entries.append(Adjacency.entry(NodeID(base + asset), kind: .provides))
      }
    }
    appendImplements(rate: parameters.partyImplementationRate, random: &random, to: &entries)
  }

  private func appendAssetEdges(
    of node: Int, random: inout CounterRandom, to entries: inout [UInt32]
  ) {
    guard let tier = layout.tier(of: node) else { return }
    let index = tier.rawValue
    let rank = node - layout.assets[index].lowerBound

    if tier == .partner {
      entries.append(Adjacency.entry(NodeID(owner(of: node, tier: tier)), kind: .suppliedBy))
    } else if tier == .software && random.chance(0.1) {
      let partners = layout.parties[Tier.partner.rawValue]
      let partner =
        partners.lowerBound + samplers.parties[Tier.partner.rawValue].rank(random.unit())
      entries.append(Adjacency.entry(NodeID(partner), kind: .suppliedBy))
    }

    // A geometric number of dependencies with the tier's mean, each to a distinct target.
    let mean = parameters.meanDependencies[index]
    var wanted = 0
    if mean > 0 {
      let failure = mean / (1 + mean)
      wanted = Int(log(1 - random.unit()) / log(failure))
    }
    let dependencyStart = entries.count
    var attempts = 0
    while entries.count - dependencyStart < wanted && attempts < 4 * wanted + 8 {
      attempts += 1
      guard let target = dependencyTarget(tier: tier, rank: rank, random: &random) else {
        continue
      }
      let entry = Adjacency.entry(NodeID(target), kind: .dependsOn)
      if !entries[dependencyStart...].contains(entry) { entries.append(entry) }
    }

    appendImplements(
      rate: parameters.implementationRates[index], random: &random, to: &entries)
    for item in 0..<Layout.itemCount where random.chance(parameters.exposureRate) {
      entries.append(Adjacency.entry(NodeID(item), kind: .exposedTo))
    }
  }

  /// Draws one dependency of the asset of rank `rank` in `tier`, or `nil` when the draw names
  /// no node, such as an older node for the oldest one.
  @inline(__always)
  private func dependencyTarget(tier: Tier, rank: Int, random: inout CounterRandom) -> Int? {
    if parameters.cycleRate > 0 && random.chance(parameters.cycleRate) {
      let assets = layout.assets[tier.rawValue]
      let target = assets.lowerBound + samplers.assets[tier.rawValue].rank(random.unit())
      return target == assets.lowerBound + rank ? nil : target
    }
    let choice = random.unit()
    let row = samplers.dependencyTargets[tier.rawValue]
    var pick = row[row.count - 1]
    for candidate in row where choice < candidate.cumulative {
      pick = candidate
      break
    }
    let assets = layout.assets[pick.tier.rawValue]
    let sampler = samplers.assets[pick.tier.rawValue]
    if pick.olderOnly {
      guard rank > 0 else { return nil }
      return assets.lowerBound + sampler.rank(random.unit(), below: rank)
    }
    return assets.lowerBound + sampler.rank(random.unit())
  }

  private func appendImplements(
    rate: Double, random: inout CounterRandom, to entries: inout [UInt32]
  ) {
    for capability in layout.capabilities where random.chance(rate) {
      entries.append(Adjacency.entry(NodeID(capability), kind: .implements))
    }
  }

  private func sortAndDeduplicate(_ entries: inout [UInt32], from start: Int) {
    guard entries.count - start > 1 else { return }
    entries[start...].sort()
    var write = start + 1
    for read in (start + 1)..<entries.count where entries[read] != entries[write - 1] {
      entries[write] = entries[read]
      write += 1
    }
    entries.removeSubrange(write...)
  }
}
