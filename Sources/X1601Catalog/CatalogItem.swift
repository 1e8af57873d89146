/// The three kinds of entry in the catalog of Recommendation ITU-T X.1601.
public enum CatalogItemKind: String, CaseIterable, Sendable, Codable {
  /// A security threat of clause 7.
  case threat
  /// A security challenge of clause 8.
  case challenge
  /// A security capability of clause 9.
  case capability
}

/// A party of the cloud computing ecosystem, as named in clauses 7 and 8.
public enum CatalogParty: String, CaseIterable, Sendable, Codable {
  /// Cloud service customer (CSC).
  case customer
  /// Cloud service provider (CSP).
  case provider
  /// Cloud service partner (CSN).
  case partner

  /// The standard's abbreviation: CSC, CSP or CSN.
  public var abbreviation: String {
    switch self {
    case .customer: "CSC"
    case .provider: "CSP"
    case .partner: "CSN"
    }
  }
}

/// One threat, challenge or capability of the standard.
///
/// `party` is the party a threat or challenge affects (clauses 7.1 and 8.1 the customer, 7.2 and
/// 8.2 the provider, 8.3 the partner). For a capability it is the party that clause 9 has
/// implement it, which is the provider for all fourteen: clause 9 describes each capability as
/// something the provider offers or operates, even where customers or partners take part (for
/// example third-party auditors in clause 9.12).
public struct CatalogItem: Sendable, Equatable, Codable {
  /// Clause number, such as "7.1.1" or "9.14".
  public var clause: String
  /// Title in the 01/2014 edition.
  public var title: String
  /// Other accepted titles, such as those of the 10/2015 edition.
  public var aliases: [String]
  public var kind: CatalogItemKind
  public var party: CatalogParty
  /// One-line summary of the clause.
  public var summary: String

  public init(
    clause: String, title: String, aliases: [String] = [], kind: CatalogItemKind,
    party: CatalogParty, summary: String
  ) {
    self.clause = clause
    self.title = title
    self.aliases = aliases
    self.kind = kind
    self.party = party
    self.summary = summary
  }
}

/// A reference from one clause to another that the standard's text states.
public struct CrossReference: Sendable, Equatable, Codable {
  /// The clause whose text makes the reference.
  public var from: String
  /// The clause it refers to.
  public var to: String
  /// What the text says about the relation, in brief.
  public var statement: String

  public init(from: String, to: String, statement: String) {
    self.from = from
    self.to = to
    self.statement = statement
  }
}

/// A control area that clause 10 derives from a capability (step 3 of the methodology).
public struct ControlArea: Sendable, Equatable, Codable {
  /// The capability clause, "9.9" or "9.10".
  public var capability: String
  /// The control's name, such as "Operations security".
  public var control: String
  /// Where the control is defined, such as "ISO/IEC 27002 clause 12".
  public var source: String

  public init(capability: String, control: String, source: String) {
    self.capability = capability
    self.control = control
    self.source = source
  }
}
