import Foundation
import JSONCore

/// Filters of `GET /invoices`; `from` and `to` are inclusive bounds on `issue_date`.
package struct InvoiceFilter: Sendable, Equatable {
    package var clientID: Int?
    package var state: InvoiceState?
    package var from: LocalDate?
    package var to: LocalDate?

    package init(clientID: Int? = nil, state: InvoiceState? = nil, from: LocalDate? = nil, to: LocalDate? = nil) {
        self.clientID = clientID
        self.state = state
        self.from = from
        self.to = to
    }

    var query: QueryItems {
        var query = QueryItems()
        query.add("client_id", clientID)
        query.add("state", state?.rawValue)
        query.add("from", from)
        query.add("to", to)
        return query
    }
}

/// The body of `POST /invoices`: explicit line items, or an import of the client's billable,
/// uninvoiced time and expenses in a period.
package struct InvoiceDraft: Sendable, Equatable {
    package enum Content: Sendable, Equatable {
        case lineItems([LineItemDraft])
        /// Bills every billable, not yet invoiced time entry and expense from `from` to `to`
        /// (inclusive), optionally only of some projects.
        case importing(from: LocalDate, to: LocalDate, projectIDs: [Int]?)
    }

    package var clientID: Int
    package var content: Content
    package var issueDate: LocalDate?
    package var dueDate: LocalDate?
    package var subject: String?
    package var notes: String?

    package init(
        clientID: Int, content: Content, issueDate: LocalDate? = nil, dueDate: LocalDate? = nil,
        subject: String? = nil, notes: String? = nil
    ) {
        self.clientID = clientID
        self.content = content
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.subject = subject
        self.notes = notes
    }

    package var json: JSONObject {
        var object: JSONObject = ["client_id": .int(clientID)]
        switch content {
        case .lineItems(let items):
            object["line_items"] = .array(items.map { .object($0.json) })
        case .importing(let from, let to, let projectIDs):
            var spec: JSONObject = ["from": .date(from), "to": .date(to)]
            spec.set("project_ids", projectIDs.map { .array($0.map(JSON.int)) })
            object["import"] = .object(spec)
        }
        object.set("issue_date", issueDate.map(JSON.date))
        object.set("due_date", dueDate.map(JSON.date))
        object.set("subject", subject.map(JSON.string))
        object.set("notes", notes.map(JSON.string))
        return object
    }
}

/// One line of a new invoice.
package struct LineItemDraft: Sendable, Equatable {
    package var kind: LineItemKind
    package var description: String
    package var quantity: Decimal
    package var unitPrice: Decimal
    package var projectID: Int?

    package init(kind: LineItemKind = .other, description: String, quantity: Decimal, unitPrice: Decimal, projectID: Int? = nil) {
        self.kind = kind
        self.description = description
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.projectID = projectID
    }

    package var json: JSONObject {
        var object: JSONObject = [
            "kind": .string(kind.rawValue),
            "description": .string(description),
            "quantity": .decimal(quantity),
            "unit_price": .decimal(unitPrice),
        ]
        object.set("project_id", projectID.map(JSON.int))
        return object
    }
}

extension HoursmithClient {
    /// `GET /invoices`, newest issue date first (owner, admin, manager). No line items.
    package func listInvoices(_ filter: InvoiceFilter = InvoiceFilter(), page: Int? = nil, perPage: Int? = nil) async throws(HoursmithError) -> Page<Invoice> {
        try await self.page(.invoices(filter), page: page, perPage: perPage)
    }

    /// `GET /invoices/{id}`, with line items.
    package func getInvoice(id: Int) async throws(HoursmithError) -> Invoice {
        try await fetch(.get(.invoices, id: id), as: Invoice.self)
    }

    /// `POST /invoices` (owner, admin): a draft invoice, with an `Idempotency-Key`. An import
    /// with nothing to bill is refused with `validationFailed` on `import`.
    package func createInvoice(_ draft: InvoiceDraft) async throws(HoursmithError) -> Invoice {
        try await fetch(.create(.invoices, draft.json), as: Invoice.self)
    }
}

extension ListRequest where Item == Invoice {
    /// `GET /invoices` with `filter`.
    package static func invoices(_ filter: InvoiceFilter = InvoiceFilter()) -> ListRequest {
        ListRequest("/invoices", filter.query)
    }
}
