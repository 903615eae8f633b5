import JSONCore

/// The wire form of every record, with the names of what it refers to next to their ids.
struct Render {
    let store: Store
    /// Now, for the hours of running timers.
    let now: Int
    /// `{id, name}` of every user, client, project and task, made once per answer: a page of
    /// 2000 time entries refers to the same few dozen objects over and over.
    private let users: [Int: JSON]
    private let clients: [Int: JSON]
    private let projects: [Int: JSON]
    private let tasks: [Int: JSON]
    /// Each project's client reference.
    private let clientOfProject: [Int: JSON]

    init(store: Store, now: Int) {
        self.store = store
        self.now = now
        users = store.users.mapValues { Render.reference($0.id, $0.name) }
        let clients = store.clients.mapValues { Render.reference($0.id, $0.name) }
        self.clients = clients
        projects = store.projects.mapValues { Render.reference($0.id, $0.name) }
        tasks = store.tasks.mapValues { Render.reference($0.id, $0.name) }
        clientOfProject = store.projects.mapValues { clients[$0.clientID] ?? Render.reference($0.clientID, "Deleted client") }
    }

    static func timestamp(_ seconds: Int) -> JSON { .string(CivilTime.timestampText(seconds)) }
    static func date(_ day: Int) -> JSON { .string(CivilTime.dateText(day)) }
    static func date(orNull day: Int?) -> JSON { day.map(date) ?? .null }
    static func reference(_ id: Int, _ name: String) -> JSON { ["id": .int(id), "name": .string(name)] }

    func userReference(_ id: Int) -> JSON { users[id] ?? Render.reference(id, "Former member") }
    func clientReference(_ id: Int) -> JSON { clients[id] ?? Render.reference(id, "Deleted client") }
    func projectReference(_ id: Int) -> JSON { projects[id] ?? Render.reference(id, "Deleted project") }
    func taskReference(_ id: Int) -> JSON { tasks[id] ?? Render.reference(id, "Deleted task") }
    func clientReference(ofProject id: Int) -> JSON { clientOfProject[id] ?? Render.reference(0, "Deleted client") }

    func invoiceReference(_ id: Int?) -> JSON {
        guard let id else { return .null }
        return ["id": .int(id), "number": .string(store.invoices[id]?.number ?? "")]
    }

    func user(_ user: UserRecord) -> JSON {
        [
            "id": .int(user.id),
            "first_name": .string(user.firstName),
            "last_name": .string(user.lastName),
            "email": .string(user.email),
            "role": .string(user.role),
            "is_active": .bool(user.isActive),
            "weekly_capacity_hours": Hundredths.json(user.weeklyCapacityHundredths),
            "created_at": Render.timestamp(user.createdAt),
            "updated_at": Render.timestamp(user.updatedAt),
        ]
    }

    func workspace(_ workspace: WorkspaceRecord) -> JSON {
        [
            "id": .int(workspace.id),
            "name": .string(workspace.name),
            "plan": .string(workspace.plan),
            "currency": .string(workspace.currency),
            "timezone": .string(workspace.timezone),
            "week_start": .string(workspace.weekStart),
        ]
    }

    func client(_ client: ClientRecord) -> JSON {
        [
            "id": .int(client.id),
            "name": .string(client.name),
            "currency": .string(client.currency),
            "address": .string(orNull: client.address),
            "is_active": .bool(client.isActive),
            "created_at": Render.timestamp(client.createdAt),
            "updated_at": Render.timestamp(client.updatedAt),
        ]
    }

    func project(_ project: ProjectRecord) -> JSON {
        [
            "id": .int(project.id),
            "name": .string(project.name),
            "code": .string(orNull: project.code),
            "client": clientReference(project.clientID),
            "is_active": .bool(project.isActive),
            "is_billable": .bool(project.isBillable),
            "hourly_rate": Hundredths.json(orNull: project.hourlyRate),
            "budget_hours": Hundredths.json(orNull: project.budgetHours),
            "starts_on": Render.date(orNull: project.startsOn),
            "ends_on": Render.date(orNull: project.endsOn),
            "notes": .string(orNull: project.notes),
            "member_ids": .array(project.memberIDs.map(JSON.int)),
            "created_at": Render.timestamp(project.createdAt),
            "updated_at": Render.timestamp(project.updatedAt),
        ]
    }

    func task(_ task: TaskRecord) -> JSON {
        [
            "id": .int(task.id),
            "name": .string(task.name),
            "project": projectReference(task.projectID),
            "is_active": .bool(task.isActive),
            "billable_by_default": .bool(task.billableByDefault),
            "hourly_rate": Hundredths.json(orNull: task.hourlyRate),
            "created_at": Render.timestamp(task.createdAt),
            "updated_at": Render.timestamp(task.updatedAt),
        ]
    }

    func timeEntry(_ entry: TimeEntryRecord) -> JSON {
        [
            "id": .int(entry.id),
            "spent_date": Render.date(entry.spentDay),
            "hours": Hundredths.json(store.currentHours(of: entry, now: now)),
            "notes": .string(orNull: entry.notes),
            "billable": .bool(entry.billable),
            "is_running": .bool(entry.isRunning),
            "timer_started_at": entry.timerStartedAt.map(Render.timestamp) ?? .null,
            "is_invoiced": .bool(entry.isInvoiced),
            "invoice": invoiceReference(entry.invoiceID),
            "user": userReference(entry.userID),
            "client": clientReference(ofProject: entry.projectID),
            "project": projectReference(entry.projectID),
            "task": taskReference(entry.taskID),
            "created_at": Render.timestamp(entry.createdAt),
            "updated_at": Render.timestamp(entry.updatedAt),
        ]
    }

    func expense(_ expense: ExpenseRecord) -> JSON {
        [
            "id": .int(expense.id),
            "spent_date": Render.date(expense.spentDay),
            "amount": Hundredths.json(expense.amount),
            "category": .string(expense.category),
            "notes": .string(orNull: expense.notes),
            "billable": .bool(expense.billable),
            "is_invoiced": .bool(expense.isInvoiced),
            "invoice": invoiceReference(expense.invoiceID),
            "user": userReference(expense.userID),
            "client": clientReference(ofProject: expense.projectID),
            "project": projectReference(expense.projectID),
            "created_at": Render.timestamp(expense.createdAt),
            "updated_at": Render.timestamp(expense.updatedAt),
        ]
    }

    /// An invoice; `lineItems` only for a single invoice, not in lists.
    func invoice(_ invoice: InvoiceRecord, lineItems: Bool) -> JSON {
        var object: JSONObject = [
            "id": .int(invoice.id),
            "number": .string(invoice.number),
            "client": clientReference(invoice.clientID),
            "state": .string(invoice.state),
            "issue_date": Render.date(invoice.issueDay),
            "due_date": Render.date(orNull: invoice.dueDay),
            "subject": .string(orNull: invoice.subject),
            "notes": .string(orNull: invoice.notes),
            "currency": .string(invoice.currency),
            "amount": Hundredths.json(invoice.amount),
        ]
        if lineItems {
            object["line_items"] = .array(invoice.lineItems.map { item in
                [
                    "kind": .string(item.kind),
                    "description": .string(item.description),
                    "quantity": Hundredths.json(item.quantity),
                    "unit_price": Hundredths.json(item.unitPrice),
                    "amount": Hundredths.json(item.amount),
                    "project": item.projectID.map(projectReference) ?? .null,
                ]
            })
        }
        object["created_at"] = Render.timestamp(invoice.createdAt)
        object["updated_at"] = Render.timestamp(invoice.updatedAt)
        return .object(object)
    }
}
