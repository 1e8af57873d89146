// Table I.1 of Appendix I, "Mapping of cloud computing security threats and challenges to
// security capabilities".
//
// Only part of the table survives. Rows 8.1.4, 8.1.5 and 8.2.6 are known cell by cell from the
// 10/2015 reprint. The number of Y per row is known for 7.1.1-7.2.2 (5, 5, 3, 4, 3), 8.1.1-8.1.3
// (2, 2, 7), and the text of the 2014 edition gives group totals: rows 7.x hold 20 Y, split by
// columns as 9.1+9.2 = 5, 9.3+9.5+9.6 = 6, 9.7 = 3, 9.4 = 1, 9.8..9.12 = 5, 9.13+9.14 = 0; rows
// 8.1.x hold 26, and rows 8.2.1-8.2.8 hold 20. Within those counts, and for rows 8.2.9, 8.2.10
// and 8.3.x of which nothing is known, the cells below were chosen by reading clauses 7 to 9.
// In the 2014 text the Y of columns 9.1 and 9.2 follow the labels of rows 7.1.1 (two), 7.1.2
// (two) and 7.2.2 (one), and the first Y of the 8.1 page sits under column 9.8; the chosen cells
// agree with that order.

extension Mapping {
  /// Table I.1 as shipped: published cells where known, the rest filled within the known counts.
  public static let tableI1 = Mapping(rows: tableI1Rows, source: "Table I.1")

  private static func published(_ item: String, _ capabilities: [String]) -> MappingRow {
    MappingRow(
      item: item, capabilities: capabilitySet(capabilities), provenance: .published)
  }

  private static func filled(
    _ item: String, _ provenance: MappingProvenance, _ cells: KeyValuePairs<String, String>
  ) -> MappingRow {
    var rationales: [String: String] = [:]
    for (capability, rationale) in cells {
      rationales[capability] = rationale
    }
    return MappingRow(
      item: item, capabilities: capabilitySet(cells.map(\.key)), provenance: provenance,
      rationales: rationales)
  }

  private static func capabilitySet(_ clauses: [String]) -> CapabilitySet {
    var set = CapabilitySet.empty
    for clause in clauses {
      guard let index = Catalog.standard.capabilityIndex(clause: clause) else {
        preconditionFailure("Table I.1 names unknown capability \(clause)")
      }
      set.insert(index)
    }
    return set
  }

  private static let tableI1Rows: [MappingRow] = [
    filled(
      "7.1.1", .constrained,
      [
        "9.1":
          "Clause 7.1.1 names poor management of authentication codes and access privilege, and "
          + "clause 9.1 lets entities authenticate the identity and authorized rights of other "
          + "entities through trusted authorities.",
        "9.2":
          "Clause 7.1.1 names insufficient authentication, authorization and audit controls, the "
          + "subject of clause 9.2.",
        "9.5":
          "Clause 7.1.1 stresses the multi-tenant environment, and clause 9.5 isolates virtual "
          + "machines and protects their images in storage and during migration.",
        "9.7":
          "Clause 7.1.1 is about loss and leakage of data, which data isolation and protection "
          + "(clause 9.7) prevent.",
        "9.11":
          "Clause 7.1.1 names data centre reliability and disaster recovery as sources of data "
          + "loss, the subject of clause 9.11.",
      ]),
    filled(
      "7.1.2", .constrained,
      [
        "9.1":
          "Clause 7.1.2 notes that it is often difficult to rely on location or hardware to "
          + "reinforce authentication, and clause 9.1 lets entities authenticate each other's "
          + "identity through trusted authorities such as a PKI certificate authority.",
        "9.2":
          "Clause 7.1.2 concerns stolen and reused credentials of users and administrators, which "
          + "identity and access management (clause 9.2) protects.",
        "9.5":
          "Clause 7.1.2 warns that a customer's service instances may become a base for an "
          + "attacker, and clause 9.5 protects the host platform from threats originating in the "
          + "computing virtualization environment.",
        "9.6":
          "Clause 7.1.2 names unprotected connections to remote services, and clause 9.6 secures "
          + "communications among all participants.",
        "9.10":
          "Clause 7.1.2 describes attackers who abuse captured credentials, and the continuous "
          + "monitoring of clause 9.10 identifies abnormal conditions and gives early warning of "
          + "breaches.",
      ]),
    filled(
      "7.1.3", .constrained,
      [
        "9.7":
          "Clause 7.1.3 covers careless or malicious customer staff, and the data protection of "
          + "clause 9.7 limits the data they can access or change to what is authorized.",
        "9.9":
          "Clause 7.1.3 names shared administrator passwords and inadequately trained users, "
          + "and clause 9.9 defines security policies and ensures that they are correctly "
          + "enforced.",
        "9.10":
          "Clause 7.1.3 names malicious actions by disgruntled employees, and the monitoring of "
          + "clause 9.10 identifies abnormal conditions and gives early warning of breaches.",
      ]),
    filled(
      "7.2.1", .constrained,
      [
        "9.4":
          "Clause 7.2.1 makes the administration interfaces the target, and clause 9.4 secures "
          + "interfaces open to customers with mutual authentication.",
        "9.5":
          "Clause 7.2.1 makes administrative interfaces a target of choice, and clause 9.5 "
          + "closes the unnecessary interfaces and APIs of the hypervisor.",
        "9.6":
          "Clause 7.2.1 describes attackers who reach the administration services, and clause "
          + "9.6 provides network border access controls and intrusion detection and prevention.",
        "9.10":
          "Clause 7.2.1 describes attackers who impersonate customer administrators, and the "
          + "monitoring of clause 9.10 identifies abnormal conditions and gives early warning of "
          + "breaches.",
      ]),
    filled(
      "7.2.2", .constrained,
      [
        "9.2":
          "Clause 9.2 says transaction audit acts as a deterrent to insider attacks, the threat of "
          + "clause 7.2.2.",
        "9.3":
          "Clause 7.2.2 names intruders on the data centre staff, and clause 9.3 restricts "
          + "premises to the areas each person's job needs.",
        "9.7":
          "Clause 7.2.2 warns that insiders may penetrate hosted customer systems, and clause 9.7 "
          + "keeps customer data accessible only as the customer authorizes.",
      ]),
    filled(
      "8.1.1", .constrained,
      [
        "9.8":
          "Clause 8.1.1 concerns unclear responsibility between customers and providers, and "
          + "clause 9.8 coordinates security mechanisms across parties that have different "
          + "degrees of control over security.",
        "9.9":
          "Clause 8.1.1 names contractual inconsistency, and clause 9.9 enforces security "
          + "measures to fulfil applicable laws and contracts, including the security SLA.",
      ]),
    filled(
      "8.1.2", .constrained,
      [
        "9.9":
          "Clause 8.1.2 notes that customers cannot evaluate the provider's security "
          + "implementation level, and the reports of clause 9.9 let a customer measure whether a "
          + "provider is delivering on SLA security commitments.",
        "9.12":
          "Clause 8.1.2 names the lack of means to obtain and share the provider's security "
          + "level in a formalized manner, which the advertised security levels and audits of "
          + "clause 9.12 provide.",
      ]),
    filled(
      "8.1.3", .constrained,
      [
        "9.2":
          "Clause 8.1.3 names role and privilege assignment and administrator privileges beyond "
          + "the customer's policy, which clause 9.2 controls.",
        "9.7":
          "Clause 8.1.3 names a copy that the provider retains after the customer wishes to "
          + "delete a file, and clause 9.7 requires that a customer be able to permanently delete "
          + "private information.",
        "9.8":
          "Clause 8.1.3 arises from giving partial control to a provider, and clause 9.8 "
          + "coordinates security across parties with different degrees of control.",
        "9.9":
          "Clause 8.1.3 names misconfiguration and a lack of transparency about provider "
          + "practices, which the configuration management and reports of clause 9.9 address.",
        "9.11":
          "Clause 8.1.3 names concerns over backup reliability, business continuity plans and "
          + "disaster recovery, the subject of clause 9.11.",
        "9.12":
          "Clause 8.1.3 names the lack of transparency of provider practices, which the "
          + "assessment and audit of clause 9.12 address.",
        "9.13":
          "Clause 8.1.3 names a copy that the provider retains after the customer wishes to "
          + "delete a file, and the reversibility of clause 9.13 enables the right to be "
          + "forgotten.",
      ]),
    published("8.1.4", ["9.2", "9.7", "9.12"]),
    published("8.1.5", ["9.8", "9.9", "9.10", "9.11", "9.14"]),
    filled(
      "8.1.6", .constrained,
      [
        "9.8":
          "Clause 8.1.6 names a provider that does not provide interoperability, and clause 9.8 "
          + "coordinates heterogeneous security mechanisms, which depends on their "
          + "interoperability and harmonization.",
        "9.9":
          "Clause 8.1.6 fears a locked-in provider that leaves vulnerabilities unfixed, and "
          + "clause 9.9 includes patch upgrades and reports on security measures.",
        "9.12":
          "Clause 8.1.6 fears being unable to migrate, and the advertised security levels of "
          + "clause 9.12 help compare and select providers.",
        "9.13":
          "Clause 8.1.6 is about replacing one provider by another, which the portability of "
          + "clause 9.13 enables.",
      ]),
    filled(
      "8.1.7", .constrained,
      [
        "9.7":
          "Clause 8.1.7 is about customer code and assets leaked or misappropriated, and the "
          + "data protection of clause 9.7 lets customer data be accessed or changed only as "
          + "authorized by the customer."
      ]),
    filled(
      "8.1.8", .constrained,
      [
        "9.2":
          "Clause 8.1.8 is about modified customer code, and clause 9.2 authenticates system "
          + "components such as downloaded software modules and applications.",
        "9.5":
          "Clause 8.1.8 names infection of code at the provider, and clause 9.5 keeps virtual "
          + "machines secure, with anti-virus processing in the hypervisor.",
      ]),
    filled(
      "8.2.1", .constrained,
      [
        "9.8":
          "Clause 8.2.1 concerns the roles of provider, customer and partner, whose differing "
          + "security controls clause 9.8 coordinates.",
        "9.12":
          "Clause 8.2.1 warns of business and legal disputes, and the audits of clause 9.12 let "
          + "an authorized party verify compliance with the applicable requirements.",
      ]),
    filled(
      "8.2.2", .constrained,
      [
        "9.5":
          "Clause 8.2.2 names failure of hypervisor isolation, which clause 9.5 prevents.",
        "9.6":
          "Clause 8.2.2 names unauthorized access to other tenants' network traffic, and clause "
          + "9.6 isolates and segregates network traffic.",
        "9.7":
          "Clause 8.2.2 names access to other tenants' actual and residual data, which the data "
          + "isolation of clause 9.7 prevents.",
      ]),
    filled(
      "8.2.3", .constrained,
      [
        "9.2":
          "Clause 8.2.3 gives the example of access denied by one module and granted by another, "
          + "an access management decision of clause 9.2.",
        "9.8":
          "Clause 8.2.3 is about inconsistent protection mechanisms, and clause 9.8 coordinates "
          + "heterogeneous mechanisms to avoid protection conflicts.",
      ]),
    filled(
      "8.2.4", .constrained,
      [
        "9.7":
          "Clause 8.2.4 names jurisdictions that demand protection of personally identifiable "
          + "information, which clause 9.7 handles as privacy laws require."
      ]),
    filled(
      "8.2.5", .constrained,
      [
        "9.9":
          "Clause 8.2.5 warns of vulnerabilities introduced by changing components, which the "
          + "configuration management, patching and ongoing assessment of clause 9.9 handle.",
        "9.12":
          "Clause 8.2.5 notes that a system that passed a design-phase assessment may gain new "
          + "vulnerabilities, and clause 9.12 enables the security evaluation of cloud services.",
      ]),
    published("8.2.6", ["9.4", "9.5", "9.6", "9.7", "9.8", "9.9"]),
    filled(
      "8.2.7", .constrained,
      [
        "9.10":
          "Clause 8.2.7 names blackouts, denial of service and delays, of which the monitoring of "
          + "clause 9.10 gives early warning, including service discontinuity.",
        "9.11":
          "Clause 8.2.7 is about business discontinuity, and clause 9.11 provides continuity of "
          + "the service with minimum interruption.",
      ]),
    filled(
      "8.2.8", .constrained,
      [
        "9.13":
          "Clause 8.2.8 is about proprietary features that limit the provider's ability to "
          + "change component supplier, and clause 9.13 enables the coexistence and cooperation "
          + "of heterogeneous components.",
        "9.14":
          "Clause 8.2.8 fears a supplier that stops shipping security patches, and clause 9.14 "
          + "manages the security of suppliers and acquired components.",
      ]),
    filled(
      "8.2.9", .derived,
      [
        "9.9":
          "Clause 8.2.9 names partners that fail to deliver security updates in time, and clause "
          + "9.9 includes patch upgrades.",
        "9.12":
          "Clause 8.2.9 is about what the supply chain delivers to the platform, and for a "
          + "service chain clause 9.12 integrates the audit results of upstream providers into "
          + "those of the downstream provider.",
        "9.14":
          "Clause 8.2.9 is about the supply chain, and clause 9.14 validates acquired hardware "
          + "and software and verifies the provenance of partner code.",
      ]),
    filled(
      "8.2.10", .derived,
      [
        "9.9":
          "Clause 8.2.10 is about delayed security updates, and clause 9.9 covers configuration "
          + "management and patch upgrades.",
        "9.14":
          "Clause 8.2.10 stresses dependencies on partner components, and clause 9.14 continues "
          + "through system evolution and updates.",
      ]),
    filled(
      "8.3.1", .derived,
      [
        "9.8":
          "Clause 8.3.1 describes finger-pointing between provider and partner, and clause 9.8 "
          + "coordinates the security mechanisms of both parties.",
        "9.10":
          "Clause 8.3.1 warns that the root cause of an incident may not be found, and clause "
          + "9.10 identifies the problem and analyses closed incidents.",
        "9.12":
          "Clause 8.3.1 finds responsibility hard to settle by technical analysis, and clause "
          + "9.12 provides independent third-party assessment.",
      ]),
    filled(
      "8.3.2", .derived,
      [
        "9.7":
          "Clause 8.3.2 is about partner assets leaked or misused, which the data protection of "
          + "clause 9.7 prevents."
      ]),
    filled(
      "8.3.3", .derived,
      [
        "9.2":
          "Clause 8.3.3 is about modified partner code, and clause 9.2 authenticates system "
          + "components such as downloaded software modules.",
        "9.5":
          "Clause 8.3.3 names infection of code at the provider, and clause 9.5 keeps virtual "
          + "machines secure, with anti-virus processing in the hypervisor.",
        "9.14":
          "Clause 9.14 has providers and partners verify that a partner's software component is "
          + "exactly as delivered, the concern of clause 8.3.3.",
      ]),
  ]
}
