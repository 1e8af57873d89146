extension TransferRules {
  /// The built-in rules, read from clause 8's account of indirect threats: "a threat to one
  /// participant of a cloud service may have adverse consequences for others". Each rule names
  /// the clause it rests on. `Datasets/x1601/transfer-rules.json` holds the same table.
  public static let standard = TransferRules(rules: standardRules)

  static let standardRules: [TransferRule] = [
    // Dependency: from a dependency to the services and components that depend on it.
    rule(
      .dependency, "7.1.1", ["7.1.1", "8.1.4"],
      "Clause 7.1.1: data that a dependent keeps in or sends through a dependency is lost or "
        + "leaked with it, and the clause associates data loss with loss of privacy (8.1.4)."),
    rule(
      .dependency, "7.1.2", ["7.1.2"],
      "Clause 7.1.2: a single break of reused credentials can expose multiple services, and a "
        + "compromised account becomes a base for subsequent attacks."),
    rule(
      .dependency, "7.2.1", ["7.1.1", "8.1.8"],
      "Clause 7.2.1: an attacker with administration access controls what a service stores and "
        + "runs, so the data (7.1.1) and code (8.1.8) of its dependents are at risk."),
    rule(
      .dependency, "7.2.2", ["7.1.1"],
      "Clause 7.2.2: an insider at a provider may intend to penetrate the customer systems that "
        + "the provider supports."),
    rule(
      .dependency, "8.1.4", ["8.1.4"],
      "Clause 8.1.4: private information that a dependency processes leaks with it."),
    rule(
      .dependency, "8.1.5", ["8.1.5"],
      "Clause 8.1.5: service delivery may be impacted when upstream services are not completely "
        + "available; a denial of service on one upstream service may affect multiple "
        + "downstream services."),
    rule(
      .dependency, "8.1.6", ["8.1.6"],
      "Clause 8.1.6: when a locked-in provider fails to address vulnerabilities, those relying "
        + "on it stay vulnerable but cannot migrate."),
    rule(
      .dependency, "8.1.8", ["8.1.8", "8.2.9"],
      "Clause 8.1.8: modified or infected code misbehaves, and what runs or calls it receives "
        + "that code through its supply chain (8.2.9)."),
    rule(
      .dependency, "8.2.2", ["7.1.1", "8.1.5", "8.1.8"],
      "Clause 8.2.2: unauthorized access through a shared environment might compromise the "
        + "confidentiality (7.1.1), availability (8.1.5) and integrity (8.1.8) of what it hosts."),
    rule(
      .dependency, "8.2.3", ["8.2.3"],
      "Clause 8.2.3: an access denied by one security module may be granted by another, so a "
        + "dependent inherits the inconsistency of the protection it relies on."),
    rule(
      .dependency, "8.2.4", ["8.2.4"],
      "Clause 8.2.4: data moved to a dependency in another jurisdiction is governed by that "
        + "jurisdiction."),
    rule(
      .dependency, "8.2.5", ["8.2.5"],
      "Clause 8.2.5: a system that passed a security assessment may gain new vulnerabilities "
        + "through changes in the software components it depends on."),
    rule(
      .dependency, "8.2.7", ["8.1.5", "8.2.7"],
      "Clause 8.2.7: the discontinuity of any part of the interdependent ecosystem might affect "
        + "service availability (8.1.5) and then cause business discontinuity."),
    rule(
      .dependency, "8.2.8", ["8.2.8"],
      "Clause 8.2.8: if the partner who supplies a key component goes out of business, no "
        + "further security patches may be available to anything built on that component."),
    rule(
      .dependency, "8.2.9", ["8.1.8", "8.2.9", "8.3.3"],
      "Clause 8.2.9: software delivered through the supply chain with malware or exploitable "
        + "vulnerabilities puts whatever runs it at risk, and the integrity of the code built "
        + "on it is lost (8.1.8, 8.3.3)."),
    rule(
      .dependency, "8.2.10", ["8.2.9", "8.2.10"],
      "Clause 8.2.10: an update of a vulnerable component may be blocked because it would break "
        + "the components that depend on it, so they keep running vulnerable code (8.2.9)."),
    rule(
      .dependency, "8.3.3", ["8.1.8", "8.2.9"],
      "Clause 8.3.3: a partner's code modified or infected while running at the provider "
        + "misbehaves for everything that uses it (8.1.8, 8.2.9)."),

    // Supply: from a supplying party to the services and components it supplies.
    rule(
      .supply, "7.2.2", ["8.2.9"],
      "Clauses 7.2.2 and 8.2.9: an insider at a supplier can deliberately introduce malware into "
        + "what the supplier delivers."),
    rule(
      .supply, "8.2.7", ["8.2.8"],
      "Clauses 8.2.7 and 8.2.8: when a supplier's business stops, its components get no further "
        + "security patches."),
    rule(
      .supply, "8.2.8", ["8.2.8"],
      "Clause 8.2.8: if the partner who supplies a key component goes out of business, no "
        + "further security patches may be available."),
    rule(
      .supply, "8.2.9", ["8.1.8", "8.2.9", "8.3.3"],
      "Clause 8.2.9: a bad code from a partner, accidental or deliberate, is delivered with "
        + "everything that partner supplies."),
    rule(
      .supply, "8.2.10", ["8.2.10"],
      "Clause 8.2.10: updates are hard to apply when the dependency exists between components "
        + "provided by one or more partners."),

    // Provision: from a provider party to the services it provides.
    rule(
      .provision, "7.1.1", ["7.1.1", "8.1.4"],
      "Clause 7.1.1: operational failures, disposal problems and data centre reliability at the "
        + "provider lose or leak the data of its services."),
    rule(
      .provision, "7.2.1", ["7.1.1", "7.2.1"],
      "Clause 7.2.1: administrative interfaces are a target of choice for attackers, who then "
        + "control the provider's services and their data."),
    rule(
      .provision, "7.2.2", ["7.1.1", "7.2.2"],
      "Clause 7.2.2: an insider on the provider's staff may penetrate the customer systems that "
        + "the provider's services support."),
    rule(
      .provision, "8.1.5", ["8.1.5"],
      "Clause 8.1.5: when the provider is unavailable, so are the services it delivers."),
    rule(
      .provision, "8.2.2", ["7.1.1", "8.1.5"],
      "Clause 8.2.2: a failure of isolation in the provider's shared environment reaches every "
        + "tenant's service."),
    rule(
      .provision, "8.2.4", ["8.2.4"],
      "Clause 8.2.4: the data of a service is governed by the jurisdictions its provider "
        + "operates in."),
    rule(
      .provision, "8.2.7", ["8.1.5", "8.2.7"],
      "Clause 8.2.7: the provider's business discontinuity makes its services unavailable "
        + "(8.1.5)."),
    rule(
      .provision, "8.2.9", ["8.1.8", "8.2.9"],
      "Clause 8.2.9: malware in the provider's platform runs under each of its services."),
  ]

  /// Builds one rule from clause numbers; the clauses are constants of this file.
  private static func rule(
    _ channel: TransferChannel, _ upstream: String, _ downstream: [String], _ rationale: String
  ) -> TransferRule {
    let index = SupplyChainItems.itemIndex(clause: upstream) ?? 0
    var mask: UInt32 = 0
    for clause in downstream {
      if let item = SupplyChainItems.itemIndex(clause: clause) { mask |= 1 << UInt32(item) }
    }
    assert(SupplyChainItems.itemIndex(clause: upstream) != nil, "unknown clause \(upstream)")
    return TransferRule(channel: channel, upstream: index, downstream: mask, rationale: rationale)
  }
}
