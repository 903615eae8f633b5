#!/usr/bin/env python3
"""What hoursmith-mcp costs a model's context: real cl100k_base token counts.

Starts the sandbox and the server (as an MCP client would, over stdio), then counts the tokens of
`tools/list` for each role, of a fixed set of typical calls, and of the prompts (`prompts/list` per
role, each prompt's messages) and resources (the lists, each read). Prints a Markdown table and one
JSON line. Benchmarks/run calls it with a venv that has tiktoken and bpe-openai (cl100k offline).

    tokens.py --server PATH --sandbox PATH [--label NAME] [--json-only]

Counts are of the text as sent: for a tool call, the text block (what a client shows the model);
the structured content is the same JSON, so it is counted once, and its bytes are given beside.
For tools/list, the `tools` array as compact JSON, and its names + descriptions + input schemas.
For prompts/list, the `prompts` array; for a prompt, the text of its messages (what the client puts
into the conversation); for a resource, its contents' text.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

META = {
    "io.modelcontextprotocol/protocolVersion": "2026-07-28",
    "io.modelcontextprotocol/clientCapabilities": {},
    "io.modelcontextprotocol/clientInfo": {"name": "hoursmith-tokens", "version": "1"},
}

# The roles counted; their tokens are the ones the sandbox prints as it starts.
ROLES = ("owner", "manager", "member")


def encoder():
    try:
        import bpe_openai  # registers cl100k_base for offline use
        return bpe_openai.get_encoding("cl100k_base")
    except Exception:
        import tiktoken
        return tiktoken.get_encoding("cl100k_base")


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


class Server:
    def __init__(self, path, url, token):
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOURSMITH_API_URL": url,
               "HOURSMITH_API_TOKEN": token, "HOURSMITH_LOG_LEVEL": "error"}
        self.process = subprocess.Popen([path], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, env=env)
        self.next_id = 0

    def request(self, method, params=None):
        self.next_id += 1
        params = dict(params or {})
        params["_meta"] = META
        line = compact({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()
        while True:
            reply = self.process.stdout.readline()
            if not reply:
                raise RuntimeError("the server closed its output")
            message = json.loads(reply)
            if message.get("id") == self.next_id:
                return message, len(reply) - 1

    def call(self, name, arguments):
        return self.request("tools/call", {"name": name, "arguments": arguments})

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def start_sandbox(path):
    """Starts the sandbox; its process, base URL, today, and a token per role of ROLES (read from
    the list it prints, "  owner (Olivia Hart)  hsk_live_…": the first of a role wins)."""
    process = subprocess.Popen([path, "--port", "0", "--relaxed"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    url = today = None
    tokens = {}
    while url is None or any(role not in tokens for role in ROLES):
        line = process.stdout.readline()
        if not line:
            raise RuntimeError("the sandbox did not start, or printed no token for every role")
        found = re.search(r"serving (\S+) \(today is (\d{4}-\d{2}-\d{2})", line)
        if found:
            url, today = found.group(1), found.group(2)
        token = re.search(r"^\s+(\w+)\b.*?(hsk_live_[0-9a-f]{12}_[A-Za-z0-9]{32})", line)
        if token:
            tokens.setdefault(token.group(1).lower(), token.group(2))
    return process, url, today, {role: tokens[role] for role in ROLES}


def tools_list(server):
    tools = []
    cursor = None
    while True:
        params = {"cursor": cursor} if cursor else {}
        reply, _ = server.request("tools/list", params)
        result = reply["result"]
        tools += result["tools"]
        cursor = result.get("nextCursor")
        if not cursor:
            return tools


# The fixed set of calls: (label, role, tool, arguments, what it stands for). Arguments that only
# the new surface knows are marked with `after`; the old one gets the `before` arguments instead.
def calls(today):
    return [
        ("list_time_entries, default page", "owner", "list_time_entries", {}, None),
        ("list_time_entries, all: true", "owner", "list_time_entries", {"all": True}, None),
        ("list_time_entries, all: true, limit 10000", "owner", "list_time_entries",
         {"all": True, "limit": 10000}, None),
        ("unbilled for Acme (after: one report)", "owner", "get_time_report",
         {"client": "Acme Corp", "is_invoiced": False, "billable": True, "group_by": "project", "period": "this_year"},
         ("list_time_entries", {"client_id": 1, "is_invoiced": False, "billable": True, "all": True})),
        ("member: the team's billing last month", "member", "get_time_report",
         {"period": "last_month", "group_by": "project"}, None),
        ("list_projects", "owner", "list_projects", {}, None),
        ("list_projects, query Acme", "owner", "list_projects", {"query": "acme"},
         ("list_projects", {"client_id": 1})),
        ("list_tasks of a project", "owner", "list_tasks", {"project_id": 1}, None),
        ("list_clients", "owner", "list_clients", {}, None),
        ("list_users", "owner", "list_users", {}, None),
        ("list_expenses, default page", "owner", "list_expenses", {}, None),
        ("list_invoices", "owner", "list_invoices", {}, None),
        ("get_invoice (INV-0001)", "owner", "get_invoice", {"invoice_id": 1}, None),
        ("get_time_entry", "owner", "get_time_entry", {"time_entry_id": 3}, None),
        ("get_time_report, last_month by project", "owner", "get_time_report",
         {"period": "last_month", "group_by": "project"}, None),
        ("get_time_report, this_month by week", "owner", "get_time_report",
         {"period": "this_month", "group_by": "week"}, ("get_time_report", {"period": "this_month", "group_by": "user"})),
        ("get_running_timer (member)", "member", "get_running_timer", {}, None),
        ("list_time_entries, member, this_week", "member", "list_time_entries", {"period": "this_week"}, None),
        ("a team's month of gaps", "owner", "find_missing_time", {"team": True, "period": "last_month"}, None),
        ("a 20-entry preview", "owner", "create_time_entries", {"entries": preview_entries(today), "dry_run": True}, None),
    ]


# Five working days of four entries each, two weeks on (no look-alikes there): what a person
# previews before logging a week.
WEEK = [("Acme Website", "Design", 2, "Pricing page layout"), ("Acme Website", "Development", 3, "Contact form"),
        ("Acme Mobile App", "Development", 2.5, "Offline sync"), ("Stark Dashboard", "QA", 0.5, "Test plan")]


def preview_entries(today):
    import datetime
    start = datetime.date.fromisoformat(today) + datetime.timedelta(days=14)
    start -= datetime.timedelta(days=start.weekday())
    return [{"project": project, "task": task, "spent_date": (start + datetime.timedelta(days=day)).isoformat(),
             "hours": hours, "notes": notes}
            for day in range(5) for project, task, hours, notes in WEEK]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--label", default="")
    parser.add_argument("--before", action="store_true", help="the old surface: use the `before` arguments")
    options = parser.parse_args()
    enc = encoder()

    def count(text):
        # The encoder refuses texts over 200,000 tokens: count long ones in pieces cut after "},"
        # (the pre-tokenizer splits there anyway, so the sum is the count of the whole).
        total, start = 0, 0
        while start < len(text):
            end = len(text) if len(text) - start <= 100_000 else text.find("},", start + 100_000)
            end = len(text) if end < 0 else end + 2
            total += len(enc.encode(text[start:end]))
            start = end
        return total

    sandbox, url, today, tokens = start_sandbox(options.sandbox)
    rows = []
    figures = {}
    try:
        servers = {role: Server(options.server, url, token) for role, token in tokens.items()}
        time.sleep(1.0)  # let each learn its role
        for role, server in servers.items():
            server.request("tools/list")
        time.sleep(0.5)
        for role in ["owner", "manager", "member"]:
            tools = tools_list(servers[role])
            whole = compact(tools)
            core = compact([{"name": t["name"], "description": t["description"], "inputSchema": t["inputSchema"]}
                            for t in tools])
            outputs = compact([t.get("outputSchema", {}) for t in tools])
            rows.append((f"tools/list, {role} ({len(tools)} tools)", len(whole), count(whole),
                         f"names+descriptions+input schemas {count(core)}; output schemas {count(outputs)}"))
            figures[f"tools_list_{role}"] = count(whole)
            figures[f"tools_core_{role}"] = count(core)
        for label, role, tool, arguments, before in calls(today):
            if options.before and before:
                tool, arguments = before
            reply, size = servers[role].call(tool, arguments)
            result = reply.get("result", {})
            text = "".join(block.get("text", "") for block in result.get("content", []))
            tokens = count(text)
            note = "tool error: " + text[:80] if result.get("isError") else ""
            structured = result.get("structuredContent")
            items = ""
            if isinstance(structured, dict):
                for key, value in structured.items():
                    if isinstance(value, list) and key not in ("results",):
                        items = f"{len(value)} {key}"
                        if value and key == "time_entries":
                            per = sum(count(compact(v)) for v in value) / len(value)
                            items += f", {per:.1f} tokens per entry"
                            figures[f"per_entry_{label}"] = round(per, 1)
                        break
                if structured.get("truncated"):
                    items += f" (truncated, {structured.get('total_entries')} in all)"
            shown = compact(arguments)
            shown = shown if len(shown) <= 160 else shown[:120] + "…"
            rows.append((f"{label}: {tool} {shown}", len(text.encode()), tokens, (note or items)))
            figures[label] = tokens
        rows += prompt_rows(servers, count, figures)
        estimate_rows = worst_cases(servers["owner"], count)
        for server in servers.values():
            server.close()
    finally:
        sandbox.terminate()
        sandbox.wait()

    print(f"Token counts (cl100k_base) {options.label}, sandbox today {today}")
    print("")
    print("| what | bytes | tokens | notes |")
    print("| --- | ---: | ---: | --- |")
    for what, size, tokens, note in rows:
        print(f"| {what} | {size:,} | {tokens:,} | {note} |")
    print("")
    print("The budget's estimate (one token per byte) against cl100k on worst-case text: six time entries")
    print("whose notes are 4.8 KB of it each, listed (and cut by the budget).")
    print("")
    print("| notes of | bytes | tokens | tokens per byte |")
    print("| --- | ---: | ---: | ---: |")
    for label, size, tokens in estimate_rows:
        print(f"| {label} | {size:,} | {tokens:,} | {tokens / size:.2f} |")
        figures[f"worst_case_ratio_{label}"] = round(tokens / size, 3)
    print("")
    print(compact({"label": options.label, "tokens": figures}))


# The prompts and their arguments as a person would give them, and the resources to read.
PROMPTS = [
    ("log_time", {"description": "2h Acme website design yesterday, 30m standup", "project": "Acme Website"}),
    ("weekly_review", {}),
    ("unbilled", {}),
    ("unbilled", {"client": "Acme Corp"}),
    ("project_health", {"project": "Acme Website"}),
    ("find_duplicates", {"period": "last_month"}),
    ("fill_my_week", {}),
    ("team_timesheet_check", {}),
]
RESOURCES = ["hoursmith://me", "hoursmith://timer", "hoursmith://projects/1", "hoursmith://clients/1"]


def prompt_rows(servers, count, figures):
    """(what, bytes, tokens, note) of the prompt and resource lists and of each prompt and read."""
    rows = []
    for role in ["owner", "manager", "member"]:
        reply, _ = servers[role].request("prompts/list")
        prompts = reply["result"]["prompts"]
        whole = compact(prompts)
        rows.append((f"prompts/list, {role} ({len(prompts)} prompts)", len(whole.encode()), count(whole), ""))
        figures[f"prompts_list_{role}"] = count(whole)
    for name, arguments in PROMPTS:
        reply, _ = servers["owner"].request("prompts/get", {"name": name, "arguments": arguments})
        messages = reply.get("result", {}).get("messages", [])
        text = "".join(m["content"].get("text", "") for m in messages)
        note = "error: " + reply["error"]["message"][:80] if "error" in reply else ""
        rows.append((f"prompts/get {name} {compact(arguments)}", len(text.encode()), count(text), note))
        figures[f"prompt_{name}_{compact(arguments)}"] = count(text)
    listed, _ = servers["owner"].request("resources/list")
    templates, _ = servers["owner"].request("resources/templates/list")
    both = compact(listed["result"]["resources"]) + compact(templates["result"]["resourceTemplates"])
    rows.append(("resources/list + resources/templates/list, owner", len(both.encode()), count(both), ""))
    figures["resource_lists_owner"] = count(both)
    for uri in RESOURCES:
        reply, _ = servers["owner"].request("resources/read", {"uri": uri})
        text = "".join(c.get("text", "") for c in reply.get("result", {}).get("contents", []))
        note = "error: " + reply["error"]["message"][:80] if "error" in reply else ""
        rows.append((f"resources/read {uri}", len(text.encode()), count(text), note))
        figures[f"read_{uri}"] = count(text)
    return rows


def worst_cases(server, count):
    """Lists time entries whose notes are text that tokenizes badly; (label, bytes, tokens) each."""
    import random
    random.seed(7)
    kinds = {
        "digits separated by spaces": lambda: " ".join(random.choice("0123456789") for _ in range(2400)),
        "random punctuation": lambda: "".join(random.choice("!#$%&()*+,-./:;<=>?@[]^_`{|}~") for _ in range(4800)),
        "random CJK": lambda: "".join(chr(random.randint(0x4E00, 0x9FFF)) for _ in range(1600)),
        "random emoji": lambda: "".join(chr(random.randint(0x1F300, 0x1F5FF)) for _ in range(1200)),
    }
    rows = []
    for label, make in kinds.items():
        for _ in range(6):
            server.call("create_time_entry", {"project_id": 5, "task_id": 9, "hours": 0.25, "spent_date": "tomorrow",
                                              "notes": make()})
        reply, _ = server.call("list_time_entries", {"project_id": 5, "from": "tomorrow", "per_page": 6})
        result = reply.get("result", {})
        text = result["content"][0]["text"]
        rows.append((label, len(text.encode()), count(text)))
        for entry in result.get("structuredContent", {}).get("time_entries", []):
            server.call("delete_time_entry", {"time_entry_id": entry["id"]})
    return rows


if __name__ == "__main__":
    main()
