/// The sandbox's records: plain values, read by tests through ``SandboxSnapshot``.
///
/// Units, so that sums stay exact: hours in hundredths of an hour (`150` is 1.5 h), money in
/// cents, dates as day numbers since 1970-01-01 (see the `…Date` accessors for `YYYY-MM-DD`),
/// timestamps in whole seconds since the epoch, UTC.

/// A workspace (a Hoursmith account) with its plan.
public struct WorkspaceRecord: Sendable, Equatable {
    public internal(set) var id: Int
    public internal(set) var name: String
    /// `free`, `solo`, `studio` or `agency`.
    public internal(set) var plan: String
    public internal(set) var currency: String
    /// An IANA time zone name.
    public internal(set) var timezone: String
    /// `monday` or `sunday`.
    public internal(set) var weekStart: String
}

/// A person and their membership of one workspace (the sandbox gives every user one workspace).
public struct UserRecord: Sendable, Equatable {
    public internal(set) var id: Int
    public internal(set) var workspaceID: Int
    public internal(set) var firstName: String
    public internal(set) var lastName: String
    public internal(set) var email: String
    /// `owner`, `admin`, `manager` or `member`.
    public internal(set) var role: String
    /// False for a deactivated member: still listed, but their tokens are refused.
    public internal(set) var isActive: Bool
    /// True once removed from the workspace: not listed, and their tokens are refused.
    public internal(set) var isRemoved: Bool
    public internal(set) var weeklyCapacityHundredths: Int
    public internal(set) var createdAt: Int
    public internal(set) var updatedAt: Int

    /// "First Last".
    public var name: String { "\(firstName) \(lastName)" }
}

/// An API token: the full token text and the user whose membership minted it.
public struct TokenRecord: Sendable, Equatable {
    public internal(set) var token: String
    public internal(set) var userID: Int
    public internal(set) var isRevoked: Bool
}

public struct ClientRecord: Sendable, Equatable {
    public internal(set) var id: Int
    public internal(set) var workspaceID: Int
    public internal(set) var name: String
    public internal(set) var currency: String
    public internal(set) var address: String?
    public internal(set) var isActive: Bool
    public internal(set) var createdAt: Int
    public internal(set) var updatedAt: Int
}

public struct ProjectRecord: Sendable, Equatable {
    public internal(set) var id: Int
    public internal(set) var workspaceID: Int
    public internal(set) var clientID: Int
    public internal(set) var name: String
    public internal(set) var code: String?
    public internal(set) var isActive: Bool
    public internal(set) var isBillable: Bool
    /// Cents per hour.
    public internal(set) var hourlyRate: Int?
    /// Hundredths of an hour.
    public internal(set) var budgetHours: Int?
    public internal(set) var startsOn: Int?
    public internal(set) var endsOn: Int?
    public internal(set) var notes: String?
    public internal(set) var memberIDs: [Int]
    public internal(set) var createdAt: Int
    public internal(set) var updatedAt: Int
}

public struct TaskRecord: Sendable, Equatable {
    public internal(set) var id: Int
    public internal(set) var projectID: Int
    public internal(set) var name: String
    public internal(set) var isActive: Bool
    public internal(set) var billableByDefault: Bool
    /// Cents per hour; when nil the project's rate applies.
    public internal(set) var hourlyRate: Int?
    public internal(set) var createdAt: Int
    public internal(set) var updatedAt: Int
}

public struct TimeEntryRecord: Sendable, Equatable, OrderedRow {
    public internal(set) var id: Int
    public internal(set) var workspaceID: Int
    public internal(set) var userID: Int
    public internal(set) var projectID: Int
    public internal(set) var taskID: Int
    public internal(set) var spentDay: Int
    /// Hundredths of an hour logged, not counting a running timer's current stretch.
    public internal(set) var hours: Int
    public internal(set) var notes: String?
    public internal(set) var billable: Bool
    /// When the running timer started (seconds since the epoch); nil when stopped.
    public internal(set) var timerStartedAt: Int?
    public internal(set) var invoiceID: Int?
    public internal(set) var createdAt: Int
    public internal(set) var updatedAt: Int

    public var spentDate: String { CivilTime.dateText(spentDay) }
    public var isRunning: Bool { timerStartedAt != nil }
    public var isInvoiced: Bool { invoiceID != nil }
}

public struct ExpenseRecord: Sendable, Equatable, OrderedRow {
    public internal(set) var id: Int
    public internal(set) var workspaceID: Int
    public internal(set) var userID: Int
    public internal(set) var projectID: Int
    public internal(set) var spentDay: Int
    /// Cents.
    public internal(set) var amount: Int
    public internal(set) var category: String
    public internal(set) var notes: String?
    public internal(set) var billable: Bool
    public internal(set) var invoiceID: Int?
    public internal(set) var createdAt: Int
    public internal(set) var updatedAt: Int

    public var spentDate: String { CivilTime.dateText(spentDay) }
    public var isInvoiced: Bool { invoiceID != nil }
}

/// One line of an invoice.
public struct LineItemRecord: Sendable, Equatable {
    /// `time`, `expense` or `other`.
    public internal(set) var kind: String
    public internal(set) var description: String
    /// Hundredths.
    public internal(set) var quantity: Int
    /// Cents.
    public internal(set) var unitPrice: Int
    /// Cents: quantity × unit price, rounded to the cent.
    public internal(set) var amount: Int
    public internal(set) var projectID: Int?
}

public struct InvoiceRecord: Sendable, Equatable {
    public internal(set) var id: Int
    public internal(set) var workspaceID: Int
    public internal(set) var clientID: Int
    /// `INV-0001`, numbered per workspace.
    public internal(set) var number: String
    /// `draft`, `open`, `paid` or `closed`.
    public internal(set) var state: String
    public internal(set) var issueDay: Int
    public internal(set) var dueDay: Int?
    public internal(set) var subject: String?
    public internal(set) var notes: String?
    public internal(set) var currency: String
    /// Cents: the sum of the line items.
    public internal(set) var amount: Int
    public internal(set) var lineItems: [LineItemRecord]
    public internal(set) var createdAt: Int
    public internal(set) var updatedAt: Int

    public var issueDate: String { CivilTime.dateText(issueDay) }
}
