#!/usr/bin/env python3
"""The released binary's demo workspace, driven by the Python `mcp` client (the SDK's own stdio
client, in every mode: "auto", "legacy", "2026-07-28").

    demo_session.py --dist dist --sandbox .build/debug/hoursmith-sandbox

It unpacks the .tar.gz from dist/ and starts `hoursmith-mcp --demo` with no HOURSMITH_* variable
in its environment and no network: in a network namespace of its own (`unshare -rn`: no interface
but a loopback that is down), when this machine allows one; it says so when it does not. Each
session lists every tool an owner's token lists, reads lists, creates a time entry and deletes it,
is refused a guarded delete, totals a report, and reads `hoursmith://me`; a second launch must
start from the seed again; `--demo-role member` must list what a member's token lists. The
expected tool lists come from the same binary against the sandbox (over loopback, outside the
namespace), so nothing here counts tools by hand. Every line the server wrote is validated against
the MCP schemas, as Tests/Interop/interop.py does (whose tap and schema book this reuses).

Needs the packages of Tests/Interop/requirements.txt; exits 1 with a list of what failed.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
INTEROP = HERE.parent / "Interop" / "interop.py"
sys.path.insert(0, str(INTEROP.parent))
import interop  # noqa: E402  (the tap, the schema book, the sandbox's start)


def no_network() -> list[str]:
    try:
        if subprocess.run(["unshare", "-rn", "true"], capture_output=True, timeout=10).returncode == 0:
            return ["unshare", "-rn"]
    except (OSError, subprocess.TimeoutExpired):
        pass
    return []


def parameters(binary: str, arguments: list[str], log: Path, prefix: list[str], env: dict[str, str]):
    from mcp.client.stdio import StdioServerParameters

    command = prefix + [sys.executable, str(INTEROP), "--tap", str(log), "--", binary] + arguments
    # The SDK's stdio client starts from a small default environment (HOME, PATH, …), with these on top.
    return StdioServerParameters(command=command[0], args=command[1:], env=env)


async def tool_names(binary: str, env: dict[str, str], log: Path) -> list[str]:
    """What the binary lists to a token of the sandbox, once its role is known."""
    from mcp import Client

    async with Client(parameters(binary, [], log, [], env), mode="legacy", read_timeout_seconds=60) as client:
        await client.call_tool("get_current_user", {})
        return [tool.name for tool in (await client.list_tools(cache_mode="refresh")).tools]


async def owner_session(binary: str, mode: str, log: Path, prefix: list[str], owner_tools: list[str],
                        checks: interop.Checks) -> int | None:
    """One demo session as the owner; the id of the entry it created and kept."""
    from mcp import Client

    label = f"[demo {mode}]"
    async with Client(parameters(binary, ["--demo"], log, prefix, {}), mode=mode, read_timeout_seconds=60) as client:
        listed = [tool.name for tool in (await client.list_tools()).tools]
        checks.expect(listed == owner_tools, f"{label} lists every tool an owner's token lists ({len(listed)} of {len(owner_tools)})")
        me = await client.call_tool("get_current_user", {})
        checks.expect(not me.is_error and me.structured_content.get("demo") is True
                      and me.structured_content["user"]["role"] == "owner", f"{label} get_current_user says demo, as the owner")
        resource = await client.read_resource("hoursmith://me")
        checks.expect(json.loads(resource.contents[0].text).get("demo") is True, f"{label} hoursmith://me says demo")
        projects = await client.call_tool("list_projects", {"is_active": True})
        checks.expect(not projects.is_error and len(projects.structured_content["projects"]) == 3, f"{label} list_projects")
        entries = await client.call_tool("list_time_entries", {"period": "last_month", "per_page": 5})
        checks.expect(not entries.is_error and len(entries.structured_content["time_entries"]) == 5, f"{label} list_time_entries")
        kept = await client.call_tool("create_time_entry", {"project": "Acme Website", "task": "Design", "hours": 1.5,
                                                            "notes": f"demo {mode}"})
        made = await client.call_tool("create_time_entry", {"project": "Acme Website", "task": "Development", "hours": 0.5,
                                                            "spent_date": "yesterday"})
        kept_id = None if kept.is_error else kept.structured_content["time_entry"]["id"]
        made_id = None if made.is_error else made.structured_content["time_entry"]["id"]
        checks.expect(kept_id is not None and made_id == kept_id + 1, f"{label} create_time_entry, twice")
        deleted = await client.call_tool("delete_time_entry", {"time_entry_id": made_id})
        checks.expect(not deleted.is_error and deleted.structured_content["deleted"] is True, f"{label} delete_time_entry")
        gone = await client.call_tool("get_time_entry", {"time_entry_id": made_id})
        checks.expect(gone.is_error, f"{label} the deleted entry is gone")
        refused = await client.call_tool("delete_client", {"client": "Acme Corp"})
        checks.expect(refused.is_error and "active projects" in refused.content[0].text,
                      f"{label} delete_client refuses a client with active projects")
        report = await client.call_tool("get_time_report", {"group_by": "user", "period": "this_year"})
        checks.expect(not report.is_error and len(report.structured_content["report"]["results"]) >= 4,
                      f"{label} get_time_report totals the year by user")
    return kept_id


async def second_launch(binary: str, log: Path, prefix: list[str], kept_id: int | None, checks: interop.Checks) -> None:
    from mcp import Client

    async with Client(parameters(binary, ["--demo"], log, prefix, {}), mode="legacy", read_timeout_seconds=60) as client:
        again = await client.call_tool("get_time_entry", {"time_entry_id": kept_id or 0})
        checks.expect(again.is_error, "[demo] a second launch starts from the seed: the first one's entry is not there")
        seeded = await client.call_tool("get_time_entry", {"time_entry_id": 3})
        checks.expect(not seeded.is_error, "[demo] and the seed's entries are")


async def member_session(binary: str, log: Path, prefix: list[str], member_tools: list[str], checks: interop.Checks) -> None:
    from mcp import Client

    async with Client(parameters(binary, ["--demo-role", "member"], log, prefix, {}), mode="legacy",
                      read_timeout_seconds=60) as client:
        listed = [tool.name for tool in (await client.list_tools()).tools]
        checks.expect(listed == member_tools, f"[demo member] lists what a member's token lists ({len(listed)} of {len(member_tools)})")
        me = await client.call_tool("get_current_user", {})
        checks.expect(not me.is_error and me.structured_content["user"]["first_name"] == "Sam", "[demo member] as Sam Carter")
        refused = await client.call_tool("list_clients", {})
        checks.expect(refused.is_error and "member" in refused.content[0].text.lower(), "[demo member] clients are refused")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dist", default="dist")
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--schemas")
    options = parser.parse_args()
    book = interop.SchemaBook(interop.schema_directory(options.schemas))
    checks = interop.Checks()
    work = Path(tempfile.mkdtemp(prefix="hoursmith-demo-"))

    archives = sorted(name for name in os.listdir(options.dist) if name.endswith(".tar.gz"))
    if len(archives) != 1:
        raise SystemExit(f"demo_session: expected one .tar.gz in {options.dist}, found {archives}")
    with tarfile.open(os.path.join(options.dist, archives[0])) as tar:
        member = next(item for item in tar.getmembers() if item.name.endswith("/hoursmith-mcp"))
        member.name = "hoursmith-mcp"
        tar.extract(member, work)
    binary = str(work / "hoursmith-mcp")

    prefix = no_network()
    print(f"demo_session: {archives[0]}, " + ("in a network namespace of its own (unshare -rn)" if prefix
                                               else "network NOT isolated: unshare -rn is not available here"), flush=True)
    sandbox, url, tokens = interop.start_sandbox(options.sandbox)
    try:
        owner_tools = asyncio.run(tool_names(binary, {"HOURSMITH_API_TOKEN": tokens["owner"], "HOURSMITH_API_URL": url},
                                             work / "owner.log"))
        member_tools = asyncio.run(tool_names(binary, {"HOURSMITH_API_TOKEN": tokens["member"], "HOURSMITH_API_URL": url},
                                              work / "member.log"))
    finally:
        sandbox.terminate()
    checks.expect(0 < len(member_tools) < len(owner_tools), f"the sandbox's owner and member lists differ ({len(owner_tools)}, {len(member_tools)})")

    total = 0
    kept_id = None
    for mode, version in [("auto", "2026-07-28"), ("legacy", None), ("2026-07-28", "2026-07-28")]:
        log = work / f"demo-{mode}.log"
        print(f"session: demo, mode={mode}", flush=True)
        kept_id = asyncio.run(owner_session(binary, mode, log, prefix, owner_tools, checks))
        count, problems = interop.validate_exchange(book, interop.read_tap(log), version)
        total += count
        checks.expect(not problems, f"[demo {mode}] every line valid against the schema: {problems[:5]}")
    print("session: demo, second launch; demo member", flush=True)
    asyncio.run(second_launch(binary, work / "demo-again.log", prefix, kept_id, checks))
    asyncio.run(member_session(binary, work / "demo-member.log", prefix, member_tools, checks))
    for name in ["demo-again.log", "demo-member.log"]:
        count, problems = interop.validate_exchange(book, interop.read_tap(work / name), None)
        total += count
        checks.expect(not problems, f"[{name}] every line valid against the schema: {problems[:5]}")

    print(f"\ndemo_session: {checks.passed} checks passed, {len(checks.failures)} failed; "
          f"{total} server messages validated against the MCP schemas")
    for failure in checks.failures:
        print(f"  - {failure}")
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main())
