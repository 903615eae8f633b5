/// Seed objects outside the main workspace, by name (added beside Fixture.swift, which stays as
/// everyone knows it).
extension Fixture.User {
    /// Priya Shah, owner of "Solo Workshop" (plan solo).
    public static let soloOwner = 7
    /// Felix Wong, owner of "Free Corner" (plan free).
    public static let freeOwner = 8
    /// Ada Brandt, owner of "Atlas Agency" (plan agency).
    public static let agencyOwner = 9
    /// Jonas Weber, member of "Atlas Agency".
    public static let agencyMember = 10
}

extension Fixture.Client {
    /// "Nordlicht GmbH", Atlas Agency's client (EUR).
    public static let nordlicht = 6
}

extension Fixture.Project {
    /// "Nordlicht Portal" (NL-PORTAL), Atlas Agency; members Ada and Jonas.
    public static let nordlichtPortal = 6
}

extension Fixture.Task {
    /// Nordlicht Portal: "Consulting".
    public static let nordlichtConsulting = 11
    /// Nordlicht Portal: "Development".
    public static let nordlichtDevelopment = 12
}
