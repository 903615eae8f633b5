/// Seed objects outside the main workspace, by name (added beside Fixture.swift, which stays as
/// everyone knows it).
extension Fixture.User {
    /// Priya Shah, owner of "Solo Workshop" (plan solo).
    package static let soloOwner = 7
    /// Felix Wong, owner of "Free Corner" (plan free).
    package static let freeOwner = 8
    /// Ada Brandt, owner of "Atlas Agency" (plan agency).
    package static let agencyOwner = 9
    /// Jonas Weber, member of "Atlas Agency".
    package static let agencyMember = 10
}

extension Fixture.Client {
    /// "Nordlicht GmbH", Atlas Agency's client (EUR).
    package static let nordlicht = 6
}

extension Fixture.Project {
    /// "Nordlicht Portal" (NL-PORTAL), Atlas Agency; members Ada and Jonas.
    package static let nordlichtPortal = 6
}

extension Fixture.Task {
    /// Nordlicht Portal: "Consulting".
    package static let nordlichtConsulting = 11
    /// Nordlicht Portal: "Development".
    package static let nordlichtDevelopment = 12
}
