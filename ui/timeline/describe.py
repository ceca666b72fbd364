"""Words for what the timeline shows: state names and the tooltip text of a segment or a switch.

Owns the user-facing sentences (through Qt's translation system). Reads the index;
never draws, never decides what is under the mouse.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from simulator.kinds import ThreadState
from simulator.twin import GENERATOR_LANE, LOOP_LANE
from ui.timeline.axis import format_ns
from ui.timeline.index import Switch, TimelineIndex

translate = QCoreApplication.translate


def state_name(state: ThreadState) -> str:
    return {
        ThreadState.NEW: translate("Timeline", "new (not started)"),
        ThreadState.RUNNING: translate("Timeline", "running"),
        ThreadState.READY: translate("Timeline", "ready (waiting for a CPU)"),
        ThreadState.BLOCKED_IO: translate("Timeline", "blocked on IO"),
        ThreadState.WAITING_LOCK: translate("Timeline", "waiting for a lock"),
        ThreadState.EXITED: translate("Timeline", "exited"),
    }[state]


def lane_name(index: TimelineIndex, lane: int) -> str:
    """A lane's name as the user reads it (the single-thread lanes of a twin in the user's language)."""
    if not 0 <= lane < len(index.lanes):
        return translate("Timeline", "idle")
    name = index.lanes[lane].name
    return {
        LOOP_LANE: translate("Timeline", "event loop (coroutines)"),
        GENERATOR_LANE: translate("Timeline", "generators (1 thread)"),
    }.get(name, name)


def lane_short_name(index: TimelineIndex, lane: int) -> str:
    """A lane's name without its explanation ("generators" for "generators (1 thread)"), for a narrow gutter.

    Only the coroutine model's own lanes have one: a thread's name is the program's, shown whole or not at all.
    """
    if not 0 <= lane < len(index.lanes):
        return lane_name(index, lane)
    return {
        LOOP_LANE: translate("Timeline", "event loop"),
        GENERATOR_LANE: translate("Timeline", "generators"),
    }.get(index.lanes[lane].name, lane_name(index, lane))


def waker_text(index: TimelineIndex, seg: int) -> str:
    """'woken by Thread-2 at 1.2 ms', or '' if nobody woke it."""
    wake = index.waker_of(seg)
    if wake is None:
        return ""
    who = lane_name(index, wake.waker) if wake.waker >= 0 else translate("Timeline", "an IO completion")
    return translate("Timeline", "woken by {who} at {t}").format(who=who, t=format_ns(wake.t))


def selection_text(index: TimelineIndex, seg: int) -> str:
    """One sentence for the line under the lanes: the selected segment, how long, and who woke it."""
    lane = int(index.seg_lane[seg])
    start, end = int(index.seg_start[seg]), int(index.seg_end[seg])
    text = translate("Timeline", "{lane}: {state} for {duration} from {start}").format(
        lane=lane_name(index, lane), state=state_name(index.state(seg)), duration=format_ns(end - start),
        start=format_ns(start))
    woken = waker_text(index, seg)
    return f"{text} · {woken}" if woken else text


def widest_selection_text(index: TimelineIndex) -> str:
    """The longest description the line under the lanes may have to hold (for the layout to make room)."""
    names = [lane_name(index, k) for k in range(len(index.lanes))] or ["?"]
    longest = max(names, key=len)
    state = max((state_name(s) for s in ThreadState), key=len)
    text = translate("Timeline", "{lane}: {state} for {duration} from {start}").format(
        lane=longest, state=state, duration="999.99 ms", start="999.99 ms")
    who = max([longest, translate("Timeline", "an IO completion")], key=len)
    return f"{text} · " + translate("Timeline", "woken by {who} at {t}").format(who=who, t="999.99 ms")


def segment_tooltip(index: TimelineIndex, seg: int) -> str:
    """State, duration and reason of one segment, as the tooltip shows them."""
    lane = int(index.seg_lane[seg])
    start, end = int(index.seg_start[seg]), int(index.seg_end[seg])
    state = index.state(seg)
    head = f"{lane_name(index, lane)}: {state_name(state)}"
    cpu = int(index.seg_cpu[seg])
    thread = index.thread_lane(seg)
    if index.lanes[lane].kind == "cpu":
        if thread >= 0:
            head = translate("Timeline", "{cpu}: running {thread}").format(
                cpu=lane_name(index, lane), thread=lane_name(index, thread))
    elif state is ThreadState.RUNNING and cpu >= 0:
        head += " " + translate("Timeline", "on CPU {cpu}").format(cpu=cpu)
    lines = [head, f"{format_ns(end - start)}  ({format_ns(start)} → {format_ns(end)})"]
    switch = index.switch_at_start(seg)
    if switch is not None:
        lines.append(switch_text(index, switch))
    woken = waker_text(index, seg)
    if woken:
        lines.append(woken)
    return "\n".join(lines)


def switch_reason(reason: str) -> str:
    """A context switch's reason (simulator.timeline.SWITCH_REASONS) in the user's language."""
    names = {
        "preempted": translate("Timeline", "preempted"),
        "blocked": translate("Timeline", "blocked"),
        "woken": translate("Timeline", "woken"),
        "yielded": translate("Timeline", "yielded"),
        "exited": translate("Timeline", "exited"),
        "started": translate("Timeline", "started"),
    }
    return names.get(reason, reason)


def switch_text(index: TimelineIndex, switch: Switch) -> str:
    """'context switch on CPU 1 (preempted): Thread-1 → Thread-2, cost 3 µs'."""
    return translate("Timeline", "context switch on CPU {cpu} ({reason}): {out} → {into}, cost {cost}").format(
        cpu=switch.cpu, reason=switch_reason(switch.reason), out=lane_name(index, switch.out),
        into=lane_name(index, switch.into),
        cost=format_ns(switch.cost_ns),
    )
