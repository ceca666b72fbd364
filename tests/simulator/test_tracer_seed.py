"""The seed's producer/consumer: output byte-identical to the seed, and every hand-off recorded."""

from __future__ import annotations

import re
from pathlib import Path

from simulator.kinds import ActorKind, EventKind, ResumeHow
from simulator.scenarios import DEFAULT_SCENARIO, get_scenario
from simulator.state import snapshot_at

from .conftest import run_traced

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "coroutines-seed.md"


def test_default_scenario_is_the_seed_program_verbatim():
    scenario = get_scenario(DEFAULT_SCENARIO)
    assert scenario.name == "producer-consumer"
    if SEED.exists():  # the seed text sits beside the project in development and CI
        blocks = re.findall(r"```python\n(.*?)```", SEED.read_text(encoding="utf-8"), re.S)
        assert scenario.path.read_text(encoding="utf-8") == blocks[0]
        assert scenario.expected_stdout == blocks[1]


def test_output_is_byte_identical_to_the_seed():
    scenario = get_scenario("producer-consumer")
    out = run_traced(scenario.path)
    assert out.code == 0
    assert out.stderr == ""
    assert out.stdout == scenario.expected_stdout


def test_every_hand_off_is_recorded_with_its_value():
    trace = run_traced(get_scenario("producer-consumer").path).trace
    assert trace is not None
    consumer = next(a.id for a in trace.actors if a.name == "consumer")
    assert trace.actors[consumer].kind is ActorKind.GENERATOR
    ev = [e for e in trace.events() if e.actor == consumer]
    kinds = [e.kind for e in ev]
    # created by `c = consumer()`, started by the priming send(None)
    assert kinds[0] is EventKind.GEN_CREATE
    start = ev[1]
    assert start.kind is EventKind.CALL and start.arg == ResumeHow.SEND
    resumes = [e for e in ev if e.kind is EventKind.RESUME]
    sends = [e for e in resumes if e.arg == ResumeHow.SEND]
    assert [e.text for e in sends] == ["1", "2", "3", "4", "5"]
    closes = [e for e in resumes if e.arg == ResumeHow.CLOSE]
    assert len(closes) == 1 and closes[0].text == "GeneratorExit"
    yields = [e.text for e in ev if e.kind is EventKind.YIELD]
    assert yields == ["''"] + ["'200 OK'"] * 5
    assert ev[-1].kind is EventKind.UNWIND and ev[-1].text == "GeneratorExit"


def test_suspended_consumer_keeps_its_identity_line_and_locals():
    trace = run_traced(get_scenario("producer-consumer").path).trace
    assert trace is not None
    consumer = next(a.id for a in trace.actors if a.name == "consumer")
    yields = [e.index for e in trace.events() if e.kind is EventKind.YIELD and e.actor == consumer]
    snap = snapshot_at(trace, yields[2])  # after the consumer answered item 2
    suspended = {f.actor: f for f in snap.suspended}
    assert consumer in suspended
    frame = suspended[consumer]
    assert frame.status == "suspended" and frame.line == 4  # paused at `n = yield r`
    assert frame.locals == {"r": "'200 OK'", "n": "2"}
    assert snap.stack[-1].name == "produce"
    assert trace.console[: snap.console_end].endswith("[CONSUMER] Consuming 2...\n")
