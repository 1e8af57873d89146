// The entries of clauses 7, 8 and 9 of Recommendation ITU-T X.1601 (01/2014). Titles are the
// standard's; summaries are this project's own one-line descriptions of each clause.

extension Catalog {
  /// The catalog of the 01/2014 edition, with the 10/2015 titles and short names such as "IAM"
  /// as aliases.
  public static let standard = Catalog(
    items: standardThreats + standardChallenges,
    capabilities: standardCapabilities,
    crossReferences: standardCrossReferences,
    controlAreas: standardControlAreas
  )

  static let standardThreats: [CatalogItem] = [
    CatalogItem(
      clause: "7.1.1", title: "Data loss and leakage", kind: .threat, party: .customer,
      summary:
        "Customer data is lost or exposed through poor key, credential or privilege management, "
        + "operational faults, disposal or disasters in a multi-tenant cloud."),
    CatalogItem(
      clause: "7.1.2", title: "Insecure service access", kind: .threat, party: .customer,
      summary:
        "Stolen or reused credentials let attackers reach remote services, tamper with data and "
        + "turn the customer's account into a base for further attacks."),
    CatalogItem(
      clause: "7.1.3", title: "Insider threats", kind: .threat, party: .customer,
      summary:
        "Customer staff who share or expose credentials, make mistakes or act with malice put "
        + "the service at risk."),
    CatalogItem(
      clause: "7.2.1", title: "Unauthorized administration access", kind: .threat,
      party: .provider,
      summary:
        "Attackers posing as customer administrators target the self-service administration "
        + "interfaces a provider has to expose."),
    CatalogItem(
      clause: "7.2.2", title: "Insider threats", kind: .threat, party: .provider,
      summary:
        "Provider staff, including intruders hired into data-centre roles, can harm the "
        + "provider or reach into the customers it hosts."),
  ]

  static let standardChallenges: [CatalogItem] = [
    CatalogItem(
      clause: "8.1.1", title: "Ambiguity in responsibility", kind: .challenge, party: .customer,
      summary:
        "Unclear duties and legal roles between customer and provider, such as data controller "
        + "versus processor, cause conflicts, incidents and clashing regulations."),
    CatalogItem(
      clause: "8.1.2", title: "Loss of trust", kind: .challenge, party: .customer,
      summary:
        "The customer cannot judge the provider's security level, because the service is a "
        + "black box and no formal means exists to share that level."),
    CatalogItem(
      clause: "8.1.3", title: "Loss of governance", kind: .challenge, party: .customer,
      summary:
        "Handing part of its ICT system to a provider costs the customer control over data, "
        + "privileges, backups and continuity plans."),
    CatalogItem(
      clause: "8.1.4", title: "Loss of privacy", aliases: ["Loss of confidentiality"],
      kind: .challenge, party: .customer,
      summary:
        "The provider's processing of private information may leak it or use it for purposes "
        + "that neither the customer nor the data subject authorized."),
    CatalogItem(
      clause: "8.1.5", title: "Service unavailability", kind: .challenge, party: .customer,
      summary:
        "An outage or denial of service upstream can take down the services that depend on it."),
    CatalogItem(
      clause: "8.1.6", title: "Cloud service provider lock-in", kind: .challenge,
      party: .customer,
      summary:
        "Reliance on one provider's non-standard functions or formats keeps the customer there "
        + "even when that provider leaves security flaws unfixed."),
    CatalogItem(
      clause: "8.1.7", title: "Misappropriation of intellectual property", kind: .challenge,
      party: .customer,
      summary:
        "Customer code or assets held by the provider may be leaked or used without "
        + "authorization."),
    CatalogItem(
      clause: "8.1.8", title: "Loss of software integrity", kind: .challenge, party: .customer,
      summary:
        "Customer code running at the provider may be altered or infected outside the "
        + "customer's control."),
    CatalogItem(
      clause: "8.2.1", title: "Ambiguity in responsibility", kind: .challenge, party: .provider,
      summary:
        "Unclear responsibilities of providers, customers and partners for data ownership, "
        + "access control or maintenance lead to disputes, more so across jurisdictions."),
    CatalogItem(
      clause: "8.2.2", title: "Shared environment", kind: .challenge, party: .provider,
      summary:
        "Tenants that share hosts, networks and storage may reach each other's machines, "
        + "traffic or residual data when isolation such as the hypervisor fails."),
    CatalogItem(
      clause: "8.2.3", title: "Inconsistency and conflict of protection mechanisms",
      kind: .challenge, party: .provider,
      summary:
        "Distributed security modules may decide inconsistently, one granting what another "
        + "denied, which attackers can exploit."),
    CatalogItem(
      clause: "8.2.4", title: "Jurisdictional conflict", kind: .challenge, party: .provider,
      summary:
        "Data moved between data centres and countries falls under differing laws, which "
        + "causes legal complications."),
    CatalogItem(
      clause: "8.2.5", title: "Evolutionary risks", kind: .challenge, party: .provider,
      summary:
        "Components chosen or changed at run time can bring new vulnerabilities into a system "
        + "that was assessed only at design time."),
    CatalogItem(
      clause: "8.2.6", title: "Bad migration and integration", kind: .challenge,
      party: .provider,
      summary:
        "Moving data and systems into the cloud through incompatible interfaces or "
        + "inconsistent policies can expose resources that used to sit behind a firewall."),
    CatalogItem(
      clause: "8.2.7", title: "Business discontinuity", kind: .challenge, party: .provider,
      summary:
        "The failure of any interdependent part of the cloud ecosystem can interrupt "
        + "availability and then the business."),
    CatalogItem(
      clause: "8.2.8", title: "Cloud service partner lock-in", kind: .challenge,
      party: .provider,
      summary:
        "Dependence on a supplier's proprietary components may leave the provider without "
        + "security fixes when that supplier fails."),
    CatalogItem(
      clause: "8.2.9", title: "Supply chain vulnerability", kind: .challenge, party: .provider,
      summary:
        "Hardware or software from the supply chain, partner code included, may carry malware "
        + "or vulnerabilities, or miss timely updates."),
    CatalogItem(
      clause: "8.2.10", title: "Software dependencies", kind: .challenge, party: .provider,
      summary:
        "A security update may have to wait because applying it would break dependent "
        + "components, above all those supplied by partners."),
    CatalogItem(
      clause: "8.3.1", title: "Ambiguity in responsibility", kind: .challenge, party: .partner,
      summary:
        "When provider and partner code run together, the party responsible for an incident is "
        + "hard to find, so the root cause may stay unfixed."),
    CatalogItem(
      clause: "8.3.2", title: "Misappropriation of intellectual property", kind: .challenge,
      party: .partner,
      summary:
        "Code or assets that a partner submits to the provider may be leaked or used without "
        + "authorization."),
    CatalogItem(
      clause: "8.3.3", title: "Loss of software integrity", kind: .challenge, party: .partner,
      summary:
        "Partner code running at the provider may be altered or infected outside the partner's "
        + "control."),
  ]

  static let standardCapabilities: [CatalogItem] = [
    CatalogItem(
      clause: "9.1", title: "Trust model", kind: .capability, party: .provider,
      summary:
        "A shared model of trusted authorities, such as PKI certificate authorities, lets "
        + "entities authenticate each other and their rights."),
    CatalogItem(
      clause: "9.2",
      title: "Identity and access management (IAM), authentication, authorization and "
        + "transaction audit",
      aliases: ["Identity and access management", "IAM"], kind: .capability, party: .provider,
      summary:
        "Manages identities and controls authentication, authorization and transaction audit "
        + "for users, administrators and system components."),
    CatalogItem(
      clause: "9.3", title: "Physical security", kind: .capability, party: .provider,
      summary:
        "Limits access to provider premises and equipment to authorized people and to the areas "
        + "their work needs."),
    CatalogItem(
      clause: "9.4", title: "Interface security", kind: .capability, party: .provider,
      summary:
        "Protects the interfaces that deliver services, and the traffic over them, with "
        + "authentication, integrity checks, encryption and signatures."),
    CatalogItem(
      clause: "9.5", title: "Computing virtualization security", kind: .capability,
      party: .provider,
      summary:
        "Protects the hypervisor and host, isolates virtual machines and secures their images "
        + "through their life cycle, migration included."),
    CatalogItem(
      clause: "9.6", title: "Network security", kind: .capability, party: .provider,
      summary:
        "Isolates physical and virtual networks, partitions security domains, controls borders "
        + "and detects intrusions."),
    CatalogItem(
      clause: "9.7", title: "Data isolation, protection and privacy protection",
      aliases: ["Data isolation, protection and confidentiality protection"],
      kind: .capability, party: .provider,
      summary:
        "Keeps each tenant's data apart, guards it against unauthorized access or change, and "
        + "handles private information only as laws and agreements allow."),
    CatalogItem(
      clause: "9.8", title: "Security coordination", kind: .capability, party: .provider,
      summary:
        "Coordinates the differing security mechanisms of providers, customers and partners so "
        + "that they do not conflict."),
    CatalogItem(
      clause: "9.9", title: "Operational security", kind: .capability, party: .provider,
      summary:
        "Sets and enforces policies for daily operation, such as configuration, patching, "
        + "assessment and incident response, and reports on their effect."),
    CatalogItem(
      clause: "9.10", title: "Incident management", kind: .capability, party: .provider,
      summary:
        "Monitors the service continuously, warns of abnormal conditions, responds to "
        + "incidents and analyses closed ones."),
    CatalogItem(
      clause: "9.11", title: "Disaster recovery", kind: .capability, party: .provider,
      summary:
        "Recovers from catastrophic events to a safe state and resumes service with minimal "
        + "interruption."),
    CatalogItem(
      clause: "9.12", title: "Service security assessment and audit", kind: .capability,
      party: .provider,
      summary:
        "Lets an authorized party, independent auditors included, verify and compare a "
        + "service's security against its requirements."),
    CatalogItem(
      clause: "9.13", title: "Interoperability, portability and reversibility",
      kind: .capability, party: .provider,
      summary:
        "Lets security functions work across heterogeneous components and lets customers move "
        + "to another provider or back out of the cloud."),
    CatalogItem(
      clause: "9.14", title: "Supply chain security", kind: .capability, party: .provider,
      summary:
        "Builds trust in suppliers by checking participants, validating and inspecting "
        + "acquired hardware and software, and verifying code provenance."),
  ]

  /// References in which a clause's text names another clause by number.
  static let standardCrossReferences: [CrossReference] = [
    CrossReference(
      from: "7.1.1", to: "8.1.2",
      statement: "sources of data loss and leakage may be associated with loss of trust"),
    CrossReference(
      from: "7.1.1", to: "8.1.3",
      statement: "sources of data loss and leakage may be associated with loss of governance"),
    CrossReference(
      from: "7.1.1", to: "8.1.4",
      statement: "sources of data loss and leakage may be associated with loss of privacy"),
    CrossReference(
      from: "8.2.1", to: "8.2.4",
      statement: "ambiguity in responsibility grows across jurisdictions; see also 8.2.4"),
    CrossReference(
      from: "8.2.7", to: "8.1.5",
      statement: "discontinuity of any part affects availability, connected with 8.1.5"),
    CrossReference(
      from: "9.2", to: "9.1",
      statement: "IAM needs one or more common trust models to authenticate identities"),
    CrossReference(
      from: "9.9", to: "9.10",
      statement: "operational security includes incident response; see also 9.10"),
  ]

  /// The two controls that clause 10 names as derived from capabilities 9.9 and 9.10.
  static let standardControlAreas: [ControlArea] = [
    ControlArea(
      capability: "9.9", control: "Operations security", source: "ISO/IEC 27002 clause 12"),
    ControlArea(
      capability: "9.10", control: "Information security incident management",
      source: "ISO/IEC 27002 clause 16"),
  ]
}
