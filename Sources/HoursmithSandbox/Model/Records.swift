/// The sandbox's records: plain values, read by tests through ``SandboxSnapshot``.
///
/// Units, so that sums stay exact: hours in hundredths of an hour (`150` is 1.5 h), money in
/// cents, dates as day numbers since 1970-01-01 (see the `…Date` accessors for `YYYY-MM-DD`),
/// timestamps in whole seconds since the epoch, UTC.

/// A workspace (a Hoursmith account) with its plan.
package struct WorkspaceRecord: Sendable, Equatable {
    package internal(set) var id: Int
    package internal(set) var name: String
    /// `free`, `solo`, `studio` or `agency`.
    package internal(set) var plan: String
    package internal(set) var currency: String
    /// An IANA time zone name.
    package internal(set) var timezone: String
    /// `monday` or `sunday`.
    package internal(set) var weekStart: String
}

/// A person and their membership of one workspace (the sandbox gives every user one workspace).
package struct UserRecord: Sendable, Equatable {
    package internal(set) var id: Int
    package internal(set) var workspaceID: Int
    package internal(set) var firstName: String
    package internal(set) var lastName: String
    package internal(set) var email: String
    /// `owner`, `admin`, `manager` or `member`.
    package internal(set) var role: String
    /// False for a deactivated member: still listed, but their tokens are refused.
    package internal(set) var isActive: Bool
    /// True once removed from the workspace: not listed, and their tokens are refused.
    package internal(set) var isRemoved: Bool
    package internal(set) var weeklyCapacityHundredths: Int
    package internal(set) var createdAt: Int
    package internal(set) var updatedAt: Int

    /// "First Last".
    package var name: String { "\(firstName) \(lastName)" }
}

/// An API token: the full token text and the user whose membership minted it.
package struct TokenRecord: Sendable, Equatable {
    package internal(set) var token: String
    package internal(set) var userID: Int
    package internal(set) var isRevoked: Bool
}

package struct ClientRecord: Sendable, Equatable {
    package internal(set) var id: Int
    package internal(set) var workspaceID: Int
    package internal(set) var name: String
    package internal(set) var currency: String
    package internal(set) var address: String?
    package internal(set) var isActive: Bool
    package internal(set) var createdAt: Int
    package internal(set) var updatedAt: Int
}

package struct ProjectRecord: Sendable, Equatable {
    package internal(set) var id: Int
    package internal(set) var workspaceID: Int
    package internal(set) var clientID: Int
    package internal(set) var name: String
    package internal(set) var code: String?
    package internal(set) var isActive: Bool
    package internal(set) var isBillable: Bool
    /// Cents per hour.
    package internal(set) var hourlyRate: Int?
    /// Hundredths of an hour.
    package internal(set) var budgetHours: Int?
    package internal(set) var startsOn: Int?
    package internal(set) var endsOn: Int?
    package internal(set) var notes: String?
    package internal(set) var memberIDs: [Int]
    package internal(set) var createdAt: Int
    package internal(set) var updatedAt: Int
}

package struct TaskRecord: Sendable, Equatable {
    package internal(set) var id: Int
    package internal(set) var projectID: Int
    package internal(set) var name: String
    package internal(set) var isActive: Bool
    package internal(set) var billableByDefault: Bool
    /// Cents per hour; when nil the project's rate applies.
    package internal(set) var hourlyRate: Int?
    package internal(set) var createdAt: Int
    package internal(set) var updatedAt: Int
}

package struct TimeEntryRecord: Sendable, Equatable, OrderedRow {
    package internal(set) var id: Int
    package internal(set) var workspaceID: Int
    package internal(set) var userID: Int
    package internal(set) var projectID: Int
    package internal(set) var taskID: Int
    package internal(set) var spentDay: Int
    /// Hundredths of an hour logged, not counting a running timer's current stretch.
    package internal(set) var hours: Int
    package internal(set) var notes: String?
    package internal(set) var billable: Bool
    /// When the running timer started (seconds since the epoch); nil when stopped.
    package internal(set) var timerStartedAt: Int?
    package internal(set) var invoiceID: Int?
    package internal(set) var createdAt: Int
    package internal(set) var updatedAt: Int

    package var spentDate: String { CivilTime.dateText(spentDay) }
    package var isRunning: Bool { timerStartedAt != nil }
    package var isInvoiced: Bool { invoiceID != nil }
}

package struct ExpenseRecord: Sendable, Equatable, OrderedRow {
    package internal(set) var id: Int
    package internal(set) var workspaceID: Int
    package internal(set) var userID: Int
    package internal(set) var projectID: Int
    package internal(set) var spentDay: Int
    /// Cents.
    package internal(set) var amount: Int
    package internal(set) var category: String
    package internal(set) var notes: String?
    package internal(set) var billable: Bool
    package internal(set) var invoiceID: Int?
    package internal(set) var createdAt: Int
    package internal(set) var updatedAt: Int

    package var spentDate: String { CivilTime.dateText(spentDay) }
    package var isInvoiced: Bool { invoiceID != nil }
}

/// One line of an invoice.
package struct LineItemRecord: Sendable, Equatable {
    /// `time`, `expense` or `other`.
    package internal(set) var kind: String
    package internal(set) var description: String
    /// Hundredths.
    package internal(set) var quantity: Int
    /// Cents.
    package internal(set) var unitPrice: Int
    /// Cents: quantity × unit price, rounded to the cent.
    package internal(set) var amount: Int
    package internal(set) var projectID: Int?
}

package struct InvoiceRecord: Sendable, Equatable {
    package internal(set) var id: Int
    package internal(set) var workspaceID: Int
    package internal(set) var clientID: Int
    /// `INV-0001`, numbered per workspace.
    package internal(set) var number: String
    /// `draft`, `open`, `paid` or `closed`.
    package internal(set) var state: String
    package internal(set) var issueDay: Int
    package internal(set) var dueDay: Int?
    package internal(set) var subject: String?
    package internal(set) var notes: String?
    package internal(set) var currency: String
    /// Cents: the sum of the line items.
    package internal(set) var amount: Int
    package internal(set) var lineItems: [LineItemRecord]
    package internal(set) var createdAt: Int
    package internal(set) var updatedAt: Int

    package var issueDate: String { CivilTime.dateText(issueDay) }
}

/// A record that is archived rather than deleted (projects, tasks): archiving one stops the
/// timers running on it.
protocol Archivable {
    var isActive: Bool { get set }
    var updatedAt: Int { get set }
    /// Which running timers are on it: a project's, or a task's.
    var timerScope: (projectID: Int?, taskID: Int?) { get }
}

extension ProjectRecord: Archivable {
    var timerScope: (projectID: Int?, taskID: Int?) { (id, nil) }
}

extension TaskRecord: Archivable {
    var timerScope: (projectID: Int?, taskID: Int?) { (nil, id) }
}
