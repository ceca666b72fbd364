"""The timeline's viewport: which time span and which lanes are on screen, and how they move.

Owns the zoom and pan arithmetic (time in virtual ns, lanes in whole pixels) and the
mapping between time and pixel columns. Pure values: a view never changes, every
operation returns a new one, so a view is also a cache key. No Qt, no drawing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

MIN_SPAN_NS = 20.0  # narrower than this there is nothing more to see: events are whole ns
MIN_LANE_PX = 1
MAX_LANE_PX = 64
DEFAULT_LANE_PX = 18
FIT_MAX_LANE_PX = 32  # fitting a few lanes makes them taller, up to this (legible from the back row)
SCROLL_LANES = 24  # up to this many lanes stay tall enough to be named (and scroll); more are fitted as an overview


@dataclass(frozen=True)
class TimelineView:
    """Time window [t0, t1) in ns over `width` body pixels; lanes `lane_px` tall, scrolled by `top_px`."""

    t0: float
    t1: float
    width: int
    height: int
    lane_px: int = DEFAULT_LANE_PX
    top_px: int = 0
    lanes: int = 0
    end_ns: float = 0.0
    fit_lane_px: int = FIT_MAX_LANE_PX  # the tallest lanes "fit all" makes (taller with larger text, for the names)
    named_lane_px: int = 0  # the thinnest lanes "fit all" makes while a few lanes could all be named (they scroll)

    @property
    def span(self) -> float:
        return self.t1 - self.t0

    @property
    def ns_per_px(self) -> float:
        return self.span / max(1, self.width)

    def x_of(self, t: float) -> float:
        """Pixel column (from the body's left edge) of time t."""
        return (t - self.t0) * self.width / self.span

    def t_of(self, x: float) -> float:
        """Time at pixel column x (from the body's left edge)."""
        return self.t0 + x * self.span / max(1, self.width)

    def lane_at(self, y: float) -> int:
        """Lane index at pixel row y (from the body's top edge); may be out of range."""
        return math.floor((y + self.top_px) / self.lane_px)

    def y_of_lane(self, lane: int) -> int:
        """Top pixel row of a lane, from the body's top edge."""
        return lane * self.lane_px - self.top_px

    def lane_range(self) -> tuple[int, int]:
        """The lanes [first, last) at least partly visible."""
        first = max(0, self.top_px // self.lane_px)
        last = min(self.lanes, -(-(self.top_px + self.height) // self.lane_px))
        return first, max(first, last)

    # --- moves: each returns a new, clamped view ---

    def resized(self, width: int, height: int) -> TimelineView:
        """Same time span, same top lane, new size."""
        return replace(self, width=max(1, width), height=max(1, height)).clamped()

    def zoomed(self, factor: float, anchor_x: float | None = None) -> TimelineView:
        """Zoom time by `factor` (>1 zooms in) keeping the time under `anchor_x` in place."""
        ax = self.width / 2 if anchor_x is None else anchor_x
        anchor_t = self.t_of(ax)
        span = max(MIN_SPAN_NS, min(self._max_span(), self.span / factor))
        t0 = anchor_t - ax / max(1, self.width) * span
        return replace(self, t0=t0, t1=t0 + span).clamped()

    def panned(self, dx_px: float = 0.0, dy_px: float = 0.0) -> TimelineView:
        """Move the content: positive dx shows later times, positive dy shows lower lanes."""
        dt = dx_px * self.ns_per_px
        return replace(self, t0=self.t0 + dt, t1=self.t1 + dt, top_px=self.top_px + round(dy_px)).clamped()

    def lanes_zoomed(self, factor: float) -> TimelineView:
        """Make lanes taller (factor > 1) or thinner, keeping the top lane in place."""
        lane_px = max(MIN_LANE_PX, min(MAX_LANE_PX, round(self.lane_px * factor)))
        if lane_px == self.lane_px:
            lane_px = max(MIN_LANE_PX, min(MAX_LANE_PX, self.lane_px + (1 if factor > 1 else -1)))
        top_lane = self.top_px / self.lane_px
        return replace(self, lane_px=lane_px, top_px=round(top_lane * lane_px)).clamped()

    def fit_all(self) -> TimelineView:
        """Everything: the whole run, and as many lanes as fit (see `fitted_lanes`)."""
        end = max(self.end_ns, MIN_SPAN_NS)
        return replace(self.fitted_lanes(), t0=0.0, t1=end, top_px=0).clamped()

    def fitted_lanes(self) -> TimelineView:
        """The same time span with lanes as tall as fit the height (up to `fit_lane_px`).

        A few lanes (up to SCROLL_LANES) never get thinner than `named_lane_px`, so each keeps
        its name: those that do not fit are scrolled to, not squeezed. More lanes are fitted
        as an overview, down to 1 px each.
        """
        lane_px = DEFAULT_LANE_PX
        if self.lanes:
            lane_px = max(MIN_LANE_PX, min(self.fit_lane_px, MAX_LANE_PX, self.height // self.lanes))
            if self.lanes <= SCROLL_LANES:
                lane_px = max(lane_px, min(self.named_lane_px, MAX_LANE_PX))
        if lane_px == self.lane_px:
            return self
        top_lane = self.top_px / self.lane_px
        return replace(self, lane_px=lane_px, top_px=round(top_lane * lane_px)).clamped()

    def zoomed_to(self, t0: float, t1: float, lane0: int | None = None, lane1: int | None = None) -> TimelineView:
        """Show exactly [t0, t1) and, if given, the lanes [lane0, lane1)."""
        lo, hi = min(t0, t1), max(t0, t1)
        if hi - lo < MIN_SPAN_NS:
            mid = (lo + hi) / 2
            lo, hi = mid - MIN_SPAN_NS / 2, mid + MIN_SPAN_NS / 2
        view = replace(self, t0=lo, t1=hi)
        if lane0 is not None and lane1 is not None and lane1 > lane0:
            lane_px = max(MIN_LANE_PX, min(MAX_LANE_PX, self.height // (lane1 - lane0)))
            view = replace(view, lane_px=lane_px, top_px=lane0 * lane_px)
        return view.clamped()

    def centred_on(self, t: float) -> TimelineView:
        """The same span with `t` in the middle (follow-the-playhead)."""
        half = self.span / 2
        return replace(self, t0=t - half, t1=t + half).clamped()

    def _max_span(self) -> float:
        return max(MIN_SPAN_NS, 2.0 * self.end_ns)

    def clamped(self) -> TimelineView:
        """Keep the window over the data: no further than half a screen beyond either end."""
        span = max(MIN_SPAN_NS, min(self._max_span(), self.span))
        lo, hi = -span / 2, max(self.end_ns, span) - span / 2
        t0 = min(max(self.t0, lo), hi)
        max_top = max(0, self.lanes * self.lane_px - self.height)
        top = min(max(0, self.top_px), max_top)
        return replace(self, t0=t0, t1=t0 + span, top_px=top)


def initial_view(
    lanes: int, end_ns: float, width: int, height: int, fit_lane_px: int = FIT_MAX_LANE_PX, named_lane_px: int = 0
) -> TimelineView:
    """The view a timeline opens with: all of it (lanes up to `fit_lane_px` tall, a few at least `named_lane_px`)."""
    view = TimelineView(0.0, max(end_ns, MIN_SPAN_NS), max(1, width), max(1, height), lanes=lanes, end_ns=end_ns,
                        fit_lane_px=fit_lane_px, named_lane_px=named_lane_px)
    return view.fit_all()
