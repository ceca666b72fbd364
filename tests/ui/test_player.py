"""The player: the one owner of "now". Stepping, playing, speed and virtual real time."""

from __future__ import annotations

import pytest

from simulator.kinds import ActorKind, EventKind, ResumeHow
from simulator.trace import Trace, TraceBuilder
from ui.navigation import StepUnit
from ui.player import MAX_SPEED, MIN_SPEED, Player, event_duration_ms


def small_trace() -> Trace:
    """A generator hand-off with lines between, on a clock with uneven gaps."""
    b = TraceBuilder()
    module = b.add_actor(ActorKind.MODULE, "<module>")
    gen = b.add_actor(ActorKind.GENERATOR, "gen")
    b.emit(EventKind.CALL, module, 1)
    for line in (1, 2, 3):
        b.now += 100
        b.emit(EventKind.LINE, module, line)
    b.now += 1000
    b.emit(EventKind.CALL, gen, 5)  # first start: a hand-off
    b.now += 100
    b.emit(EventKind.LINE, gen, 6)
    b.now += 100
    b.emit(EventKind.YIELD, gen, 6, text="1")
    b.now += 10_000
    b.emit(EventKind.LINE, module, 4)
    b.emit(EventKind.RESUME, gen, 6, text="2", arg=ResumeHow.SEND)
    b.now += 100
    b.emit(EventKind.EXIT, module, arg=0)
    return b.build()


@pytest.fixture
def player(qtbot) -> Player:  # type: ignore[no-untyped-def]
    p = Player()
    p.animate_steps = False
    p.set_trace(small_trace())
    yield p
    p.pause()


def test_steps_by_each_unit_land_on_the_right_events(player: Player) -> None:
    assert player.step(StepUnit.HANDOFF, +1) and player.event_index == 4  # the generator's first start
    assert player.step(StepUnit.HANDOFF, +1) and player.event_index == 6  # its yield
    assert player.step(StepUnit.LINE, +1) and player.event_index == 7
    assert player.step(StepUnit.HANDOFF, -1) and player.event_index == 6
    assert player.step(StepUnit.EVENT, -1) and player.event_index == 5
    assert not player.step(StepUnit.LOOP, +1)  # no loop in this trace: nowhere to go, nothing moves
    assert player.event_index == 5
    player.go_to_end()
    assert player.event_index == len(player.trace) - 1
    assert not player.step(StepUnit.EVENT, +1)


def test_playing_at_1x_spends_150_to_400_ms_per_event(player: Player) -> None:
    kinds = [player.trace.kind[i] for i in range(len(player.trace))]
    assert all(150 <= event_duration_ms(k) <= 400 for k in kinds)
    player.advance(0.150)  # event 1 is a LINE: 150 ms at 1x
    assert player.position == pytest.approx(1.0)
    player.set_speed(2.0)
    player.advance(0.075)  # the next LINE at 2x takes 75 ms
    assert player.position == pytest.approx(2.0)


def test_speed_is_clamped_to_a_tenth_and_ten(player: Player) -> None:
    player.set_speed(50)
    assert player.speed == MAX_SPEED
    player.set_speed(0.01)
    assert player.speed == MIN_SPEED


def test_virtual_real_time_follows_the_virtual_clock_slowed_by_dilation(player: Player) -> None:
    player.real_time = True
    player.dilation = 1000  # one virtual µs lasts a wall ms
    player.seek(6)  # the YIELD at t=1500; the next event is 10 µs later
    player.advance(0.005)  # 5 virtual µs: half way
    assert player.event_index == 6
    assert player.fraction == pytest.approx(0.5, abs=0.01)


def test_play_runs_to_the_end_and_stops_its_timer(qtbot, player: Player) -> None:  # type: ignore[no-untyped-def]
    player.set_speed(10)
    with qtbot.waitSignal(player.playingChanged, timeout=5000, check_params_cb=lambda playing: not playing):
        player.play()
    assert player.event_index == len(player.trace) - 1
    assert not player.busy


def test_a_step_glides_to_its_event_and_back_lands_on_whole_steps(qtbot, player: Player) -> None:  # type: ignore[no-untyped-def]
    player.animate_steps = True
    seen: list[float] = []
    player.positionChanged.connect(seen.append)
    player.step(StepUnit.EVENT, +1)
    qtbot.waitUntil(lambda: player.position == 1.0 and not player.busy, timeout=3000)
    assert any(0 < p < 1 for p in seen), "the step should be animated through fractions"
    player.step(StepUnit.EVENT, -1)
    assert player.position == 0.0
