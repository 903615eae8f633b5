/// The words the API uses for roles, plans and states. Each is a string the API may extend, so an
/// unknown value is kept rather than refused; the known ones are constants.

/// A member's role in the workspace.
public struct Role: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let owner = Role(rawValue: "owner")
    public static let admin = Role(rawValue: "admin")
    public static let manager = Role(rawValue: "manager")
    public static let member = Role(rawValue: "member")

    public var description: String { rawValue }
}

/// A workspace's subscription plan. Only Studio and Agency have API access.
public struct Plan: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let free = Plan(rawValue: "free")
    public static let solo = Plan(rawValue: "solo")
    public static let studio = Plan(rawValue: "studio")
    public static let agency = Plan(rawValue: "agency")

    /// The plan's name as the product writes it: `Solo`, `Studio`.
    public var displayName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    public var description: String { rawValue }
}

/// An invoice's state.
public struct InvoiceState: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let draft = InvoiceState(rawValue: "draft")
    public static let open = InvoiceState(rawValue: "open")
    public static let paid = InvoiceState(rawValue: "paid")
    public static let closed = InvoiceState(rawValue: "closed")

    public var description: String { rawValue }
}

/// What an invoice line bills.
public struct LineItemKind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let time = LineItemKind(rawValue: "time")
    public static let expense = LineItemKind(rawValue: "expense")
    public static let other = LineItemKind(rawValue: "other")

    public var description: String { rawValue }
}
