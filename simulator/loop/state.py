"""What the message-loop pane shows at any event of a trace: `loop_snapshot_at(trace, index)`.

Owns an index of a trace's loop events, built once per trace and cached: requests
and timers as [start, end) event intervals in numpy arrays (what is in flight at an
event is one vectorised comparison, the soonest found by partial sort), tasks'
create/done events, and loop turns. It reads traces only; it never runs code.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np

from simulator.kinds import ActorKind, EventKind
from simulator.loop.snapshot import Completion, IoInFlight, LoopSnapshot, ReadyCard
from simulator.per_trace import per_trace
from simulator.trace import NONE, Trace

NEVER = np.iinfo(np.int64).max  # the end of an interval that is still open when the trace ends
MAX_CARDS = 200  # more cards than a pane can show are counted, not listed
LOOP_KINDS = frozenset(int(k) for k in EventKind if 20 <= k < 40)
_REQUEST = (int(EventKind.IO_REQUEST), int(EventKind.EXECUTOR_SUBMIT))
_COMPLETE = (int(EventKind.IO_COMPLETE), int(EventKind.EXECUTOR_DONE))
_TIMER_END = (int(EventKind.TIMER_FIRE), int(EventKind.TIMER_CANCEL))
_RUN = (int(EventKind.TASK_STEP), int(EventKind.CALLBACK))
_ARRIVE = frozenset((*_COMPLETE, int(EventKind.TIMER_FIRE)))


@dataclass
class _LoopIndex:
    loop_events: array = field(default_factory=lambda: array("i"))  # indices of loop events
    ticks: array = field(default_factory=lambda: array("i"))
    task_created: dict[int, int] = field(default_factory=dict)  # task actor -> event
    task_done: dict[int, int] = field(default_factory=dict)
    task_order: list[int] = field(default_factory=list)  # task actors by creation
    task_created_at: array = field(default_factory=lambda: array("i"))  # parallel to task_order
    timer_label: dict[int, tuple[int, str]] = field(default_factory=dict)  # timer id -> (due, label)
    requests: dict[int, int] = field(default_factory=dict)  # request id -> its IO_REQUEST (or EXECUTOR_SUBMIT) event
    taken: dict[int, int] = field(default_factory=dict)  # TASK_STEP/CALLBACK event -> ready entries used up
    ready: dict[int, tuple[list[str], list[int]]] = field(default_factory=dict)  # LOOP_TICK -> (labels, tasks)
    done_at: array = field(default_factory=lambda: array("i"))  # TASK_DONE events, in order
    done_actor: list[int] = field(default_factory=list)  # parallel to done_at
    arrivals: dict[int, int] = field(default_factory=dict)  # LOOP_TICK event -> loop_events position of its arrivals
    states: dict[int, str] = field(default_factory=dict)  # the last task states computed (without "running")
    states_key: tuple[int, int] = (-1, -1)  # (tasks created, tasks done) that `states` is for
    # per request id / timer id: the event that opened it, the event that closed it (or NEVER), when it is due
    request_spans: tuple[np.ndarray, ...] = (np.zeros(0, np.int64),) * 4  # (ids, open, close, due)
    timer_spans: tuple[np.ndarray, ...] = (np.zeros(0, np.int64),) * 4


@per_trace
def _index(trace: Trace) -> _LoopIndex:
    ix = _LoopIndex()
    kinds, actors, args, data, texts, text_col = trace.kind, trace.actor, trace.arg, trace.data, trace.texts, trace.text
    request_open: dict[int, int] = {}
    request_close: dict[int, int] = {}
    timer_open: dict[int, int] = {}
    timer_close: dict[int, int] = {}
    owners: list[int] = []
    labels: list[str] = []
    taken = 0
    told = False
    arrivals_from = -1  # where the completions and timer firings before the next turn began
    for i, k in enumerate(kinds):
        if k not in LOOP_KINDS:
            continue
        if k in _ARRIVE:
            if arrivals_from < 0:
                arrivals_from = len(ix.loop_events)
        elif k != EventKind.LOOP_TICK:
            arrivals_from = -1
        ix.loop_events.append(i)
        if k == EventKind.LOOP_TICK:
            ix.ticks.append(i)
            written = data.get(i)
            told = written is None  # no data: the turn's own run events are its ready queue
            labels, owners = ([], []) if written is None else (written["ready"], written["tasks"])
            ix.ready[i] = (labels, owners)
            taken = 0
            ix.arrivals[i] = arrivals_from if arrivals_from >= 0 else len(ix.loop_events) - 1
            arrivals_from = -1
        elif k in _RUN:
            owner = actors[i] if k == EventKind.TASK_STEP else NONE
            label = texts[text_col[i]] if k == EventKind.CALLBACK and text_col[i] >= 0 else ""
            if told:
                labels.append(_card_label(trace, ix, owner, label, args[i]))
                owners.append(owner)
            while taken < len(owners) and not (
                owners[taken] == owner and (owner != NONE or _same(labels[taken], label))
            ):
                taken += 1  # a handle cancelled before its turn: skipped, as CPython skips it
            taken = min(taken + 1, len(owners))
            ix.taken[i] = taken
        elif k in _REQUEST:
            request_open.setdefault(args[i], i)
            ix.requests[args[i]] = i
        elif k in _COMPLETE:
            if args[i] in request_open:
                request_close.setdefault(args[i], i)
        elif k == EventKind.TIMER_SET:
            timer_open.setdefault(args[i], i)
            ix.timer_label[args[i]] = (data[i]["due"], texts[text_col[i]] if text_col[i] >= 0 else "")
        elif k in _TIMER_END:
            if args[i] in timer_open:
                timer_close.setdefault(args[i], i)
        elif k == EventKind.TASK_CREATE:
            ix.task_created[actors[i]] = i
            ix.task_order.append(actors[i])
            ix.task_created_at.append(i)
        elif k == EventKind.TASK_DONE:
            ix.task_done[actors[i]] = i
            ix.done_at.append(i)
            ix.done_actor.append(actors[i])
    ix.request_spans = _spans(request_open, request_close, {r: data[i]["due"] for r, i in ix.requests.items()})
    ix.timer_spans = _spans(timer_open, timer_close, {t: due for t, (due, _) in ix.timer_label.items()})
    return ix


def _spans(opened: dict[int, int], closed: dict[int, int], due: dict[int, int]) -> tuple[np.ndarray, ...]:
    """Ids, [open, close) event intervals and due times as parallel arrays, in id order."""
    ids = np.fromiter(sorted(opened), np.int64, len(opened))
    start = np.fromiter((opened[i] for i in ids.tolist()), np.int64, len(ids))
    end = np.fromiter((closed.get(i, NEVER) for i in ids.tolist()), np.int64, len(ids))
    when = np.fromiter((due[i] for i in ids.tolist()), np.int64, len(ids))
    return ids, start, end, when


def _open_at(spans: tuple[np.ndarray, ...], index: int) -> tuple[list[int], int]:
    """The ids open at event `index`, the MAX_CARDS soonest due first (ties by id), and how many are open."""
    ids, start, end, when = spans
    live = np.flatnonzero((start <= index) & (end > index))
    total = len(live)
    if total > MAX_CARDS:  # keep only those due no later than the MAX_CARDS-th soonest
        due = when[live]
        live = live[due <= np.partition(due, MAX_CARDS - 1)[MAX_CARDS - 1]]
    order = live[np.lexsort((ids[live], when[live]))][:MAX_CARDS]
    return ids[order].tolist(), total


def _card_label(trace: Trace, ix: _LoopIndex, task: int, callback_text: str, arg: int) -> str:
    """The ready card of a handle that a TASK_STEP or CALLBACK event ran: a task's label is its TASK_CREATE text."""
    if task != NONE:
        created = ix.task_created.get(task)
        text = trace.text[created] if created is not None else NONE
        return trace.texts[text] if text >= 0 else trace.actors[task].name
    if callback_text.startswith("completion: ") and arg != NONE:
        return f"completion #{arg}: {callback_text.removeprefix('completion: ')}"
    return callback_text


def _same(ready_label: str, callback_text: str) -> bool:
    """Whether a ready card is the handle a CALLBACK event ran (completions: card "#7: x", event "completion: x")."""
    if ready_label == callback_text:
        return True
    return ready_label.startswith("completion #") and callback_text == "completion: " + ready_label.split(": ", 1)[1]


def loop_snapshot_at(trace: Trace, index: int) -> LoopSnapshot:
    """The loop as it is once event `index` has happened."""
    if len(trace) == 0:
        return LoopSnapshot(now_ns=0, iteration=0, running_task=NONE, running_label="")
    index = max(0, min(index, len(trace) - 1))
    ix = _index(trace)
    args = trace.arg
    pos = bisect_right(ix.loop_events, index)  # loop events [0, pos) have happened
    t = bisect_right(ix.ticks, index)
    tick = ix.ticks[t - 1] if t else NONE
    ready, ready_total, running_task, running_label, blocked = _turn_state(trace, ix, tick, pos, index)
    completions = _completions(trace, ix, tick)
    soonest, in_flight_total = _open_at(ix.request_spans, index)
    in_flight = [_in_flight(trace, ix, r) for r in soonest]
    timer_ids, timers_total = _open_at(ix.timer_spans, index)
    return LoopSnapshot(
        now_ns=trace.t[index],
        iteration=args[tick] if tick != NONE else 0,
        running_task=running_task,
        running_label=running_label,
        ready=tuple(ready),
        in_flight=tuple(in_flight),
        completions=tuple(completions[:MAX_CARDS]),
        timers=tuple(ix.timer_label[tid] for tid in timer_ids),
        blocked_until_ns=blocked,
        tasks=_task_states(ix, index, running_task),
        ready_total=ready_total,
        in_flight_total=in_flight_total,
        timers_total=timers_total,
    )


def _turn_state(
    trace: Trace, ix: _LoopIndex, tick: int, pos: int, index: int
) -> tuple[list[ReadyCard], int, int, str, int]:
    """The ready queue left in the current turn, what runs now, and until when the loop is blocked."""
    if tick == NONE:
        return [], 0, NONE, "", NONE
    labels, owners = ix.ready[tick]
    kinds, actors = trace.kind, trace.actor
    running_task, running_label, blocked, taken = NONE, "", NONE, 0
    finished: set[int] = set()
    j = pos - 1
    while j >= 0 and ix.loop_events[j] > tick:  # back to the last handle run in this turn (a few events)
        e = ix.loop_events[j]
        k = kinds[e]
        if k in _RUN:
            taken = ix.taken[e]
            owner = actors[e] if k == EventKind.TASK_STEP else NONE
            if owner not in finished:
                running_task = owner
                running_label = labels[taken - 1] if taken else ""
            break
        if k == EventKind.TASK_DONE:
            finished.add(actors[e])
        elif k == EventKind.LOOP_BLOCKED and blocked == NONE and trace.t[index] < trace.t[e] + trace.arg[e]:
            blocked = trace.t[e] + trace.arg[e]
        j -= 1
    if trace.kind[index] == EventKind.LOOP_BLOCKED:
        blocked = trace.t[index] + trace.arg[index]
    ready = [ReadyCard(labels[n], owners[n]) for n in range(taken, min(len(labels), taken + MAX_CARDS))]
    return ready, len(labels) - taken, running_task, running_label, blocked


def _completions(trace: Trace, ix: _LoopIndex, tick: int) -> list[Completion]:
    """The completion messages that arrived just before the current turn (the first MAX_CARDS)."""
    if tick == NONE:
        return []
    out: list[Completion] = []
    start = ix.arrivals[tick]
    for j in ix.loop_events[start : start + 2 * MAX_CARDS]:
        if j >= tick or len(out) == MAX_CARDS:
            break
        if trace.kind[j] in _COMPLETE:
            sent = ix.requests[trace.arg[j]]
            out.append(Completion(trace.arg[j], _what(trace, sent), trace.t[j], _task_of(trace, sent)))
    return out


def _in_flight(trace: Trace, ix: _LoopIndex, request: int) -> IoInFlight:
    sent = ix.requests[request]  # the request's event: what, who and when are its own columns
    d = trace.data[sent]
    return IoInFlight(request, _what(trace, sent), d["channel"], _task_of(trace, sent), trace.t[sent], d["due"])


def _what(trace: Trace, event: int) -> str:
    text = trace.text[event]
    return trace.texts[text] if text >= 0 else ""


def _task_of(trace: Trace, event: int) -> int:
    """The task that sent a request (NONE when the loop itself did, outside any task)."""
    actor = trace.actor[event]
    return actor if 0 <= actor < len(trace.actors) and trace.actors[actor].kind == ActorKind.TASK else NONE


def _task_states(ix: _LoopIndex, index: int, running: int) -> dict[int, str]:
    created, done = bisect_right(ix.task_created_at, index), bisect_right(ix.done_at, index)
    if ix.states_key != (created, done):  # nearby snapshots (a playing UI) share it: copying is cheap
        states = dict.fromkeys(ix.task_order[:created], "pending")
        states.update(zip(ix.done_actor[:done], repeat("done")))
        ix.states, ix.states_key = states, (created, done)
    states = ix.states.copy()
    if running != NONE:
        states[running] = "running"
    return states
