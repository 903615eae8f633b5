/// The words the API uses for roles, plans and states. Each is a string the API may extend, so an
/// unknown value is kept rather than refused; the known ones are constants.

/// A member's role in the workspace.
package struct Role: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    package let rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }

    package static let owner = Role(rawValue: "owner")
    package static let admin = Role(rawValue: "admin")
    package static let manager = Role(rawValue: "manager")
    package static let member = Role(rawValue: "member")

    package var description: String { rawValue }
}

/// A workspace's subscription plan. Only Studio and Agency have API access.
package struct Plan: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    package let rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }

    package static let free = Plan(rawValue: "free")
    package static let solo = Plan(rawValue: "solo")
    package static let studio = Plan(rawValue: "studio")
    package static let agency = Plan(rawValue: "agency")

    /// The plan's name as the product writes it: `Solo`, `Studio`.
    package var displayName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    package var description: String { rawValue }
}

/// An invoice's state.
package struct InvoiceState: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    package let rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }

    package static let draft = InvoiceState(rawValue: "draft")
    package static let open = InvoiceState(rawValue: "open")
    package static let paid = InvoiceState(rawValue: "paid")
    package static let closed = InvoiceState(rawValue: "closed")

    package var description: String { rawValue }
}

/// What an invoice line bills.
package struct LineItemKind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    package let rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }

    package static let time = LineItemKind(rawValue: "time")
    package static let expense = LineItemKind(rawValue: "expense")
    package static let other = LineItemKind(rawValue: "other")

    package var description: String { rawValue }
}
