"""Every pane shows the state at the playhead: at the first and the last step of each scenario.

Closed is closed (no consumer "waiting" after close(), no close() baton left behind), and at
step 1 the module level runs, not a hand-off party that has not even been called yet.
"""

from __future__ import annotations

import pytest

from simulator.scenarios import get_scenario, list_scenarios
from simulator.trace import Trace
from ui.navigation import StepUnit
from ui.render.code_pane import build_code_model
from ui.render.console_pane import build_console_model
from ui.render.handoff_pane import build_handoff_model, state_text
from ui.scene import Party, SceneCache, handoff_at
from ui.tracing import TraceRequest, trace_synchronously

SCENARIOS = [s.name for s in list_scenarios()]
_TRACES: dict[str, Trace] = {}


def traced(name: str) -> Trace:
    if name not in _TRACES:
        _TRACES[name] = trace_synchronously(TraceRequest(get_scenario(name).path))
    return _TRACES[name]


def alive(cache: SceneCache, index: int, actor: int) -> bool:
    snap = cache.scene(index).snapshot
    return any(f.actor == actor for f in (*snap.stack, *snap.suspended))


@pytest.mark.parametrize("name", SCENARIOS)
def test_at_the_first_step_nobody_but_the_running_frame_runs(qapp, name: str) -> None:  # type: ignore[no-untyped-def]
    trace = traced(name)
    cache = SceneCache(trace)
    scene = cache.scene(0.0)
    model = build_handoff_model(scene, cache)
    stack = scene.snapshot.stack
    assert not stack or trace.actors[stack[-1].actor].name == "<module>"  # the module level runs
    if model.driver:
        assert Party.RUNS not in (model.driver_state, model.generator_state)
        assert model.baton is None
    assert build_console_model(scene).lines == ()
    code = build_code_model(scene)
    assert [f.status for f in code.frames if f.status == "running"] == (["running"] if stack else [])


@pytest.mark.parametrize("name", SCENARIOS)
def test_at_the_last_step_finished_parties_are_not_waiting_and_hold_no_baton(qapp, name: str) -> None:  # type: ignore[no-untyped-def]
    trace = traced(name)
    cache = SceneCache(trace)
    last = len(trace) - 1
    scene = cache.scene(float(last))
    model = build_handoff_model(scene, cache)
    if model.driver:
        at = scene.navigation.last_at_or_before(StepUnit.HANDOFF, last)
        assert at is not None
        h = handoff_at(cache, at)
        for actor, state in ((h.generator_actor, model.generator_state), (h.driver_actor, model.driver_state)):
            if actor >= 0 and not alive(cache, last, actor):
                assert state is Party.FINISHED, (actor, state)
        if model.generator_state is Party.FINISHED:
            assert model.baton is None
    assert "\n".join(build_console_model(scene).lines) + ("\n" if trace.console else "") == trace.console
    running = [f.name for f in build_code_model(scene).frames if f.status == "running"]
    assert len(running) == (1 if scene.snapshot.stack else 0)


def test_the_seed_ends_with_the_consumer_closed_and_no_baton(qapp) -> None:  # type: ignore[no-untyped-def]
    trace = traced("producer-consumer")
    cache = SceneCache(trace)
    end = build_handoff_model(cache.scene(float(len(trace) - 1)), cache)
    assert (end.driver, end.generator) == ("produce", "consumer")
    assert end.generator_state is Party.FINISHED and end.closed and end.baton is None
    assert state_text(end.generator_state, end.closed) == "■ closed"
    assert end.driver_state is Party.FINISHED
    # while close() is delivered, the consumer runs (GeneratorExit is raised at its yield) and holds the baton
    closing = next(i for i in range(len(trace)) if trace.event(i).text == "GeneratorExit")
    during = build_handoff_model(cache.scene(float(closing)), cache)
    assert during.generator_state is Party.RUNS and during.baton is not None and during.baton.label_kind == "closed"
    start = build_handoff_model(cache.scene(0.0), cache)
    assert start.driver_state is Party.NOT_STARTED and start.generator_state is Party.NOT_STARTED
    assert state_text(start.driver_state) == "○ not started"


def test_an_asyncio_program_starts_with_the_loop_not_started_and_ends_with_it_finished(qapp) -> None:  # type: ignore[no-untyped-def]
    trace = traced("say-after")
    cache = SceneCache(trace)
    start = build_handoff_model(cache.scene(0.0), cache)
    assert start.driver == "event loop" and start.driver_state is Party.NOT_STARTED
    end = build_handoff_model(cache.scene(float(len(trace) - 1)), cache)
    assert end.driver_state is Party.FINISHED and end.generator_state is Party.FINISHED and end.baton is None
