#!/usr/bin/env python3
"""Interoperability check: hoursmith-mcp against a real MCP client (the Python `mcp` SDK).

It starts the Hoursmith sandbox, then connects to hoursmith-mcp with the `mcp` client in each of
its modes ("auto", "legacy", "2026-07-28"), as an owner and as a member: lists the tools and calls
real ones against the sandbox, and lists, gets, reads and completes the prompts and resources. A tap between client and server records every line in both directions, and every line
the server wrote is validated against the official MCP JSON schema of the revision in use
(mcp-schema/ next to this script, copied from the specification repository), and every structured result against the tool's own outputSchema.
Older legacy revisions the Python client no longer speaks by default (2024-11-05, 2025-03-26,
2025-06-18) are exercised with raw JSON-RPC and validated the same way.

Usage: interop.py --server PATH/hoursmith-mcp --sandbox PATH/hoursmith-sandbox [--schemas DIR]
       interop.py --tap LOG -- COMMAND...   (internal: relay stdio and record it)
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent


# ---------------------------------------------------------------------------------------------
# The tap: sits between the client and the server, relays both streams, records every line.

def run_tap(log_path: str, command: list[str]) -> int:
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    log = open(log_path, "a", buffering=1, encoding="utf-8")
    lock = threading.Lock()

    def record(direction: str, line: bytes) -> None:
        with lock:
            log.write(direction + " " + line.decode("utf-8", "replace").rstrip("\n") + "\n")

    def pump_in() -> None:
        for line in sys.stdin.buffer:
            record("C>", line)
            child.stdin.write(line)
            child.stdin.flush()
        child.stdin.close()

    threading.Thread(target=pump_in, daemon=True).start()
    for line in child.stdout:
        record("S>", line)
        sys.stdout.buffer.write(line)
        sys.stdout.buffer.flush()
    return child.wait()


# ---------------------------------------------------------------------------------------------
# Schema validation of what the server wrote.

class SchemaBook:
    def __init__(self, directory: Path):
        import jsonschema

        self.jsonschema = jsonschema
        self.schemas = {}
        for path in directory.glob("*.schema.json"):
            self.schemas[path.name.split(".")[0]] = json.loads(path.read_text())
        if "2026-07-28" not in self.schemas:
            raise SystemExit(f"no MCP schemas in {directory}")

    def errors(self, version: str, definition: str, instance) -> list[str]:
        root = self.schemas[version]
        defs_key = "$defs" if "$defs" in root else "definitions"
        if definition not in root[defs_key]:
            return [f"{version} has no definition {definition}"]
        schema = dict(root)
        schema["$ref"] = f"#/{defs_key}/{definition}"
        validator_class = self.jsonschema.validators.validator_for(root)
        validator = validator_class(schema)
        return [f"{definition}: {e.message} at {list(e.absolute_path)}" for e in validator.iter_errors(instance)]


RESULT_TYPES = {
    "initialize": "InitializeResult",
    "server/discover": "DiscoverResult",
    "tools/list": "ListToolsResult",
    "tools/call": "CallToolResult",
    "ping": "EmptyResult",
    "logging/setLevel": "EmptyResult",
    "prompts/list": "ListPromptsResult",
    "prompts/get": "GetPromptResult",
    "resources/list": "ListResourcesResult",
    "resources/templates/list": "ListResourceTemplatesResult",
    "resources/read": "ReadResourceResult",
    "completion/complete": "CompleteResult",
}
NOTIFICATION_TYPES = {
    "notifications/progress": "ProgressNotification",
    "notifications/message": "LoggingMessageNotification",
    "notifications/tools/list_changed": "ToolListChangedNotification",
    "notifications/prompts/list_changed": "PromptListChangedNotification",
    "notifications/resources/list_changed": "ResourceListChangedNotification",
}


def validate_exchange(book: SchemaBook, lines: list[tuple[str, dict]], fixed_version: str | None) -> tuple[int, list[str]]:
    """Validates every server line; returns (messages checked, problems)."""
    problems: list[str] = []
    methods: dict = {}
    output_schemas: dict = {}
    version = fixed_version
    checked = 0
    for direction, message in lines:
        if direction == "C>":
            for item in message if isinstance(message, list) else [message]:
                if isinstance(item, dict) and "id" in item and "method" in item:
                    methods[json.dumps(item["id"])] = item["method"]
            continue
        items = message if isinstance(message, list) else [message]
        if isinstance(message, list) and version != "2025-03-26":
            problems.append(f"a batch answer outside 2025-03-26: {message}")
        for item in items:
            checked += 1
            if version is None:
                result = item.get("result", {})
                if isinstance(result, dict) and "protocolVersion" in result:
                    version = result["protocolVersion"]
                else:
                    version = "2025-11-25"
            problems += validate_message(book, version, item, methods, output_schemas)
    return checked, problems


def validate_message(book, version, item, methods, output_schemas) -> list[str]:
    modern = version >= "2026-07-28"
    if "method" in item:
        kind = NOTIFICATION_TYPES.get(item["method"])
        if kind is None:
            return [f"unexpected notification {item['method']}"]
        return book.errors(version, kind, item)
    if "error" in item:
        error = item["error"]
        if item.get("id", "absent") is None:
            # JSON-RPC 2.0 requires "id": null when the id could not be read; the MCP schemas
            # do not model it. Exactly that case is allowed: parse errors and invalid requests.
            if error.get("code") in (-32700, -32600) and isinstance(error.get("message"), str):
                return []
            return [f"id null on an error that is not a parse/invalid-request error: {item}"]
        envelope = "JSONRPCErrorResponse" if version >= "2025-11-25" else "JSONRPCError"
        return book.errors(version, envelope, item)
    method = methods.get(json.dumps(item.get("id")))
    envelope = "JSONRPCResultResponse" if version >= "2025-11-25" else "JSONRPCResponse"
    problems = book.errors(version, envelope, item)
    kind = RESULT_TYPES.get(method)
    if kind is None:
        return problems + [f"a result for an unknown request {item.get('id')} ({method})"]
    result = item["result"]
    problems += book.errors(version, kind, result)
    if modern and result.get("resultType") != "complete":
        problems.append(f"modern result without resultType complete: {method}")
    if not modern and "resultType" in result:
        problems.append(f"legacy result with resultType: {method}")
    if method == "tools/list":
        for tool in result.get("tools", []):
            if "outputSchema" in tool:
                output_schemas[tool["name"]] = tool["outputSchema"]
    if method == "tools/call" and "structuredContent" in result:
        problems += structured_problems(book, result, output_schemas)
    return problems


def structured_problems(book, result, output_schemas) -> list[str]:
    structured = result["structuredContent"]
    text = result["content"][0]["text"] if result.get("content") else None
    problems = []
    if text is None or json.loads(text) != structured:
        problems.append("structuredContent and its text block differ")
    # Find the tool by matching: every listed output schema that validates is fine; none is not.
    validator_class = book.jsonschema.Draft202012Validator
    if output_schemas and not any(validator_class(s).is_valid(structured) for s in output_schemas.values()):
        problems.append(f"structuredContent matches no tool's outputSchema: {json.dumps(structured)[:300]}")
    return problems


def read_tap(path: Path) -> list[tuple[str, dict]]:
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        direction, _, text = raw.partition(" ")
        try:
            lines.append((direction, json.loads(text)))
        except json.JSONDecodeError:
            if direction == "S>":
                raise SystemExit(f"the server wrote a line that is not JSON: {text[:200]}")
    return lines


# ---------------------------------------------------------------------------------------------
# The sandbox.

def start_sandbox(binary: str) -> tuple[subprocess.Popen, str, dict]:
    process = subprocess.Popen([binary, "--port", "0", "--relaxed"], stdout=subprocess.PIPE, text=True)
    url, tokens = None, {}
    for line in process.stdout:
        found = re.search(r"(http://127\.0\.0\.1:\d+/api/v1)", line)
        if found and url is None:
            url = found.group(1)
        # "  owner (Olivia Hart)      hsk_live_…": the first word names the role (the first member wins).
        token = re.search(r"^\s+(\w+)\b.*?(hsk_live_[0-9a-f]{12}_[A-Za-z0-9]{32})", line)
        if token:
            tokens.setdefault(token.group(1).lower(), token.group(2))
        if url and len(tokens) >= 4 and ("owner" in tokens and "member" in tokens):
            break
    if url is None:
        raise SystemExit("the sandbox did not print its URL")
    threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()
    return process, url, tokens


# ---------------------------------------------------------------------------------------------
# Sessions with the Python client.

class Checks:
    def __init__(self):
        self.failures: list[str] = []
        self.passed = 0

    def expect(self, condition: bool, what: str) -> None:
        if condition:
            self.passed += 1
        else:
            self.failures.append(what)
            print(f"  FAIL {what}", flush=True)


async def client_session(args, mode: str, token: str, url: str, log: Path, checks: Checks, role: str) -> None:
    from mcp import Client
    from mcp.client.stdio import StdioServerParameters
    from mcp.shared.exceptions import MCPError

    params = StdioServerParameters(
        command=sys.executable,
        args=[str(Path(__file__).resolve()), "--tap", str(log), "--", args.server],
        env={"HOURSMITH_API_TOKEN": token, "HOURSMITH_API_URL": url, "HOURSMITH_LOG_LEVEL": "warning"},
    )
    progress: list[float] = []

    async def on_progress(value, total, message):
        progress.append(value)

    async with Client(params, mode=mode, read_timeout_seconds=60) as client:
        tools = await client.list_tools()
        names = [tool.name for tool in tools.tools]
        label = f"[{mode}/{role}]"
        if role == "owner":
            checks.expect(len(names) == 36, f"{label} lists all 36 tools (got {len(names)})")
            me = await client.call_tool("get_current_user", {})
            checks.expect(not me.is_error and me.structured_content["user"]["role"] == "owner",
                          f"{label} get_current_user answers the owner")
            clients = await client.call_tool("list_clients", {"per_page": 2})
            checks.expect(not clients.is_error and len(clients.structured_content["clients"]) == 2,
                          f"{label} list_clients pages")
            entries = await client.call_tool("list_time_entries", {"all": True, "limit": 3000, "per_page": 50},
                                             progress_callback=on_progress)
            shown = len(entries.structured_content["time_entries"]) if not entries.is_error else 0
            checks.expect(50 < shown < 3000 and len(entries.content[0].text.encode()) <= 20000,
                          f"{label} list_time_entries all:true follows pages until the result budget is full ({shown})")
            checks.expect(entries.structured_content.get("truncated") is True
                          and "get_time_report" in entries.structured_content.get("note", ""),
                          f"{label} says the walk truncated and steers to the totals")
            checks.expect(len(progress) >= 1 and progress == sorted(set(progress)),
                          f"{label} progress arrived and increased ({progress})")
            created = await client.call_tool("create_time_entry", {
                "project_id": 1, "task_id": 2, "hours": 1.25, "notes": f"interop {mode}", "spent_date": "yesterday"})
            checks.expect(not created.is_error and created.structured_content["time_entry"]["hours"] == 1.25,
                          f"{label} create_time_entry logs time")
            named = await client.call_tool("create_time_entry", {
                "project": "Acme Website", "task": "Design", "hours": 0.5, "spent_date": "yesterday"})
            checks.expect(not named.is_error and named.structured_content["time_entry"]["task"]["id"] == 1,
                          f"{label} create_time_entry takes names")
            preview = await client.call_tool("create_invoice", {"client": "Acme Corp", "period": "last_month", "dry_run": True})
            checks.expect(not preview.is_error and preview.structured_content["dry_run"] is True,
                          f"{label} create_invoice dry_run previews")
            guard = await client.call_tool("delete_client", {"client_id": 1, "dry_run": True})
            checks.expect(not guard.is_error and guard.structured_content["would"] == "refuse",
                          f"{label} delete_client dry_run reports the refusal")
            refused = await client.call_tool("delete_client", {"client_id": 1})
            checks.expect(refused.is_error and "active project" in refused.content[0].text,
                          f"{label} delete_client refuses a client with active projects")
            gaps = await client.call_tool("find_missing_time", {"team": True, "period": "last_week"})
            checks.expect(not gaps.is_error and len(gaps.structured_content["people"]) == 5,
                          f"{label} find_missing_time checks the team")
            batch = await client.call_tool("create_time_entries", {"dry_run": True, "entries": [
                {"project": "Acme Website", "task": "Design", "hours": 1, "spent_date": "tomorrow"}]})
            checks.expect(not batch.is_error and batch.structured_content["dry_run"] is True,
                          f"{label} create_time_entries dry_run previews")
            resend = batch.structured_content.get("resend", {}).get("entries", [{}])[0].get("spent_date", "")
            checks.expect(re.fullmatch(r"\d{4}-\d{2}-\d{2}", resend) is not None,
                          f"{label} create_time_entries gives the call to send with its day written out")
            report = await client.call_tool("get_time_report", {"group_by": "project", "period": "this_year"})
            checks.expect(not report.is_error and len(report.structured_content["report"]["results"]) > 0,
                          f"{label} get_time_report groups time")
            invalid = await client.call_tool("create_time_entry", {"project_id": "one"})
            checks.expect(invalid.is_error and "project_id" in invalid.content[0].text,
                          f"{label} a bad argument is a tool error naming it")
        else:
            # Until the server's start-up GET /me answers, every tool is listed (ttlMs 0); once a
            # call has made the role known, a fresh listing leaves out what the role can never do.
            me = await client.call_tool("get_current_user", {})
            checks.expect(not me.is_error and me.structured_content["user"]["role"] == "member", f"{label} the member is known")
            names = [tool.name for tool in (await client.list_tools(cache_mode="refresh")).tools]
            checks.expect("delete_client" not in names and "list_time_entries" in names and len(names) == 16,
                          f"{label} the member's list leaves out what the role can never do ({len(names)} tools)")
            own = await client.call_tool("list_time_entries", {"per_page": 5, "detail": "full"})
            checks.expect(not own.is_error and all(e["user"]["id"] == 4 for e in own.structured_content["time_entries"]),
                          f"{label} a member sees their own time")
            refused = await client.call_tool("list_clients", {})
            checks.expect(refused.is_error and "member" in refused.content[0].text.lower(),
                          f"{label} a member asking for clients is told why not")
        await prompts_and_resources(client, label, role, mode, checks)
        try:
            await client.call_tool("no_such_tool", {})
            checks.expect(False, f"{label} an unknown tool is a protocol error")
        except MCPError as error:
            checks.expect(error.error.code == -32602, f"{label} an unknown tool is -32602")


PROMPTS = ["log_time", "weekly_review", "unbilled", "project_health", "find_duplicates", "fill_my_week", "team_timesheet_check"]
MEMBER_PROMPTS = ["log_time", "weekly_review", "find_duplicates", "fill_my_week"]
PROMPT_ARGUMENTS = {
    "log_time": {"description": "2h Acme website design yesterday, 30m standup", "project": "Acme Website"},
    "weekly_review": {"week": "this_week"},
    "unbilled": {"client": "Acme Corp"},
    "project_health": {"project": "ACME-WEB"},
    "find_duplicates": {"period": "last_month"},
    "fill_my_week": {"week": "last_week"},
    "team_timesheet_check": {},
}


async def prompts_and_resources(client, label: str, role: str, mode: str, checks: Checks) -> None:
    """Every prompt, resource and completion the role may use, through the client; the rest refused."""
    import mcp.types as types
    from mcp.shared.exceptions import MCPError

    modern = mode != "legacy"
    missing_code = -32602 if modern else -32002
    expected = PROMPTS if role == "owner" else MEMBER_PROMPTS
    prompts = [p.name for p in (await client.list_prompts(cache_mode="refresh")).prompts]
    checks.expect(prompts == expected, f"{label} lists the prompts the role may use ({prompts})")
    for name in expected:
        got = await client.get_prompt(name, PROMPT_ARGUMENTS[name])
        text = got.messages[0].content.text if got.messages else ""
        checks.expect(len(got.messages) == 1 and "Today is " in text and "America/New_York" in text,
                      f"{label} prompts/get {name} answers with today and the timezone")
    for name in set(PROMPTS) - set(expected):
        try:
            await client.get_prompt(name, PROMPT_ARGUMENTS[name])
            checks.expect(False, f"{label} prompts/get {name} is refused")
        except MCPError as error:
            checks.expect(error.error.code == -32602 and "Member" in error.error.message,
                          f"{label} prompts/get {name} is refused for the role")
    try:
        await client.get_prompt("project_health" if role == "owner" else "log_time", {"project": "Nowhere"} if role == "owner"
                                else {"description": "1h", "project": "Stark Dashboard"})
        checks.expect(False, f"{label} a name that matches nothing is refused")
    except MCPError as error:
        checks.expect(error.error.code == -32602 and "matches" in error.error.message,
                      f"{label} a name that matches nothing is -32602 saying so")

    projects = await client.complete(types.PromptReference(type="ref/prompt", name="log_time"), {"name": "project", "value": "ac"})
    checks.expect(projects.completion.values == ["Acme Mobile App", "Acme Website"] and projects.completion.total == 2,
                  f"{label} completes project names ({projects.completion.values})")
    tasks = await client.complete(types.PromptReference(type="ref/prompt", name="log_time"), {"name": "task", "value": ""},
                                  {"project": "Acme Mobile App"})
    checks.expect(tasks.completion.values == ["Design", "Development"], f"{label} completes the tasks of the project in context")
    weeks = await client.complete(types.PromptReference(type="ref/prompt", name="weekly_review"), {"name": "week", "value": "th"})
    checks.expect(weeks.completion.values == ["this_week"], f"{label} completes weeks")
    ids = await client.complete(types.ResourceTemplateReference(type="ref/resource", uri="hoursmith://projects/{project_id}"),
                                {"name": "project_id", "value": "acme web"})
    checks.expect(ids.completion.values == ["1"], f"{label} completes a project id by its name")
    if role == "owner":
        stark = await client.complete(types.PromptReference(type="ref/prompt", name="project_health"),
                                      {"name": "project", "value": "stark"})
        checks.expect(stark.completion.values == ["Stark Dashboard"], f"{label} completes every project for an owner")
    else:
        stark = await client.complete(types.PromptReference(type="ref/prompt", name="log_time"), {"name": "project", "value": "stark"})
        checks.expect(stark.completion.values == [], f"{label} a member completes only their projects")
        try:
            await client.complete(types.PromptReference(type="ref/prompt", name="unbilled"), {"name": "client", "value": ""})
            checks.expect(False, f"{label} a member can't complete clients")
        except MCPError as error:
            checks.expect(error.error.code == -32602, f"{label} a member's client completion is refused")

    resources = [str(r.uri) for r in (await client.list_resources(cache_mode="refresh")).resources]
    checks.expect(resources == ["hoursmith://me", "hoursmith://timer"], f"{label} lists the resources ({resources})")
    templates = [t.uri_template for t in (await client.list_resource_templates(cache_mode="refresh")).resource_templates]
    expected_templates = ["hoursmith://projects/{project_id}"] + (["hoursmith://clients/{client_id}"] if role == "owner" else [])
    checks.expect(templates == expected_templates, f"{label} lists the templates the role may read ({templates})")

    def contents(result) -> dict:
        item = result.contents[0]
        return json.loads(item.text) if item.mime_type == "application/json" else {}

    me = contents(await client.read_resource("hoursmith://me"))
    checks.expect(me.get("user", {}).get("role") == role and "today" in me, f"{label} reads hoursmith://me")
    timer = contents(await client.read_resource("hoursmith://timer"))
    checks.expect("time_entry" in timer and (role == "owner" or timer["time_entry"] is not None),
                  f"{label} reads hoursmith://timer")
    project = contents(await client.read_resource("hoursmith://projects/1"))
    checks.expect(project.get("budget", {}).get("budget_hours") == 400 and "hours_logged" in project["budget"],
                  f"{label} reads a project with its budget use")
    unreadable = ["hoursmith://projects/999", "hoursmith://nothing"] + (["hoursmith://clients/1"] if role != "owner" else [])
    if role == "owner":
        client_json = contents(await client.read_resource("hoursmith://clients/1"))
        checks.expect(client_json.get("unbilled", {}).get("currency") == "USD" and len(client_json.get("active_projects", [])) == 2,
                      f"{label} reads a client with its active projects and unbilled work")
    for uri in unreadable:
        try:
            await client.read_resource(uri, cache_mode="bypass")
            checks.expect(False, f"{label} {uri} is not found")
        except MCPError as error:
            checks.expect(error.error.code == missing_code, f"{label} {uri} is the revision's missing resource ({error.error.code})")


# ---------------------------------------------------------------------------------------------
# Raw sessions for the older legacy revisions.

def raw_session(server: str, token: str, url: str, version: str, log: Path, checks: Checks) -> None:
    env = dict(os.environ, HOURSMITH_API_TOKEN=token, HOURSMITH_API_URL=url, HOURSMITH_LOG_LEVEL="warning")
    process = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--tap", str(log), "--", server],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True)

    def ask(message):
        process.stdin.write(json.dumps(message) + "\n")
        process.stdin.flush()
        if "id" not in message and not isinstance(message, list):
            return None
        while True:  # skip notifications (e.g. tools/list_changed) until the answer
            answer = json.loads(process.stdout.readline())
            if isinstance(answer, list) or "method" not in answer:
                return answer

    init = ask({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"protocolVersion": version, "capabilities": {}, "clientInfo": {"name": "raw", "version": "1"}}})
    checks.expect(init["result"]["protocolVersion"] == version, f"[raw {version}] initialize echoes the version")
    ask({"jsonrpc": "2.0", "method": "notifications/initialized"})
    listed = ask({"jsonrpc": "2.0", "id": 2, "method": "tools/list"})
    checks.expect(len(listed["result"]["tools"]) == 36, f"[raw {version}] lists 36 tools")
    called = ask({"jsonrpc": "2.0", "id": 3, "method": "tools/call",
                  "params": {"name": "get_client", "arguments": {"client_id": 3}}})
    checks.expect("Initech" in called["result"]["content"][0]["text"], f"[raw {version}] get_client answers")
    capabilities = init["result"]["capabilities"]
    checks.expect("prompts" in capabilities and "resources" in capabilities
                  and ("completions" in capabilities) == (version >= "2025-03-26"),
                  f"[raw {version}] capabilities as the revision defines them")
    prompts = ask({"jsonrpc": "2.0", "id": 6, "method": "prompts/list"})["result"]["prompts"]
    checks.expect([p["name"] for p in prompts] == PROMPTS and ("title" in prompts[0]) == (version >= "2025-06-18"),
                  f"[raw {version}] prompts/list")
    got = ask({"jsonrpc": "2.0", "id": 7, "method": "prompts/get",
               "params": {"name": "weekly_review", "arguments": {"week": "last_week"}}})
    checks.expect("get_time_report" in got["result"]["messages"][0]["content"]["text"], f"[raw {version}] prompts/get")
    listed = ask({"jsonrpc": "2.0", "id": 8, "method": "resources/list"})["result"]["resources"]
    templates = ask({"jsonrpc": "2.0", "id": 9, "method": "resources/templates/list"})["result"]["resourceTemplates"]
    checks.expect(len(listed) == 2 and len(templates) == 2, f"[raw {version}] resources and templates listed")
    read = ask({"jsonrpc": "2.0", "id": 10, "method": "resources/read", "params": {"uri": "hoursmith://projects/1"}})
    checks.expect(json.loads(read["result"]["contents"][0]["text"])["budget"]["budget_hours"] == 400, f"[raw {version}] resources/read")
    missing = ask({"jsonrpc": "2.0", "id": 11, "method": "resources/read", "params": {"uri": "hoursmith://projects/999"}})
    checks.expect(missing["error"]["code"] == -32002 and missing["error"]["data"]["uri"] == "hoursmith://projects/999",
                  f"[raw {version}] a missing resource is -32002")
    ref = {"type": "ref/resource", "uri": "hoursmith://clients/{client_id}"}
    completed = ask({"jsonrpc": "2.0", "id": 12, "method": "completion/complete",
                     "params": {"ref": ref, "argument": {"name": "client_id", "value": "acme"}}})
    checks.expect(completed["result"]["completion"]["values"] == ["1"], f"[raw {version}] completion/complete")
    if version == "2025-03-26":
        batch = ask([{"jsonrpc": "2.0", "id": 4, "method": "ping"},
                     {"jsonrpc": "2.0", "id": 5, "method": "tools/call", "params": {"name": "get_current_user", "arguments": {}}}])
        checks.expect(isinstance(batch, list) and sorted(r["id"] for r in batch) == [4, 5], f"[raw {version}] batch answered")
    process.stdin.write("this is not json\n")
    process.stdin.flush()
    bad = json.loads(process.stdout.readline())
    checks.expect(bad["error"]["code"] == -32700 and bad["id"] is None, f"[raw {version}] parse error with id null")
    process.stdin.close()
    checks.expect(process.wait(timeout=15) == 0, f"[raw {version}] exits 0 when stdin closes")


# ---------------------------------------------------------------------------------------------

def schema_directory(given: str | None) -> Path:
    """The schemas kept in the repository (mcp-schema/ beside this script), or --schemas DIR."""
    directory = Path(given) if given else HERE / "mcp-schema"
    if not (directory / "2026-07-28.schema.json").exists():
        raise SystemExit(f"no MCP schemas in {directory}")
    return directory


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--tap":
        separator = sys.argv.index("--")
        return run_tap(sys.argv[2], sys.argv[separator + 1:])

    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--schemas")
    args = parser.parse_args()
    book = SchemaBook(schema_directory(args.schemas))

    sandbox, url, tokens = start_sandbox(args.sandbox)
    checks = Checks()
    workdir = Path(tempfile.mkdtemp(prefix="hoursmith-interop-"))
    total_messages = 0
    try:
        sessions = [("auto", "owner", "2026-07-28"), ("legacy", "owner", None), ("2026-07-28", "owner", "2026-07-28"),
                    ("auto", "member", "2026-07-28"), ("legacy", "member", None), ("2026-07-28", "member", "2026-07-28")]
        for mode, role, version in sessions:
            log = workdir / f"{mode}-{role}.log"
            print(f"session: mode={mode} role={role}", flush=True)
            asyncio.run(client_session(args, mode, tokens[role], url, log, checks, role))
            count, problems = validate_exchange(book, read_tap(log), version)
            total_messages += count
            checks.expect(not problems, f"[{mode}/{role}] every line valid against the schema: {problems[:5]}")
        for version in ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"]:
            log = workdir / f"raw-{version}.log"
            print(f"session: raw {version}", flush=True)
            raw_session(args.server, tokens["owner"], url, version, log, checks)
            count, problems = validate_exchange(book, read_tap(log), version)
            total_messages += count
            checks.expect(not problems, f"[raw {version}] every line valid against the schema: {problems[:5]}")
    finally:
        sandbox.terminate()
    print(f"\ninterop: {checks.passed} checks passed, {len(checks.failures)} failed; "
          f"{total_messages} server messages validated against the MCP schemas")
    for failure in checks.failures:
        print(f"  - {failure}")
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main())
