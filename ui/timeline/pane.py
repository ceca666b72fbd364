"""The timeline pane: the interactive widget around the pure painter.

Owns interaction (wheel zoom at the cursor, drag to pan, W/A/S/D and +/- keys, fit all,
rubber-band zoom to a selection, click a segment to see who woke it, tooltips, the
whole legend on hovering or clicking its key, follow-the-playhead, lanes that follow the
pane's height and text size until the user sizes them) and a cache: the expensive picture is kept as a pixmap for the
current view, and only the playhead is drawn over it as it moves. Never simulates;
never paints anything render.py does not.
"""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPixmap, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QRubberBand, QToolTip, QWidget

from simulator.timeline import Timeline
from ui.theme import LIGHT, Theme
from ui.timeline.describe import lane_name, segment_tooltip, switch_text
from ui.timeline.index import TimelineIndex, index_of
from ui.timeline.legend import item_at, item_tooltip, legend_html, legend_text
from ui.timeline.render import (
    TimelineLayout,
    draw_empty,
    draw_playhead,
    draw_timeline_base,
    fit_view,
    key_shown,
    least_lane_px,
    legend_shown,
    opening_view,
    readable_lane_px,
    timeline_layout,
)
from ui.timeline.view import TimelineView

TOOLTIP_PT = 9.5  # tooltips grow with the text scale like the panes do (Qt's own tooltips would not)
WHEEL_STEP = 1.25  # zoom factor per wheel notch or key press
KEY_PAN = 0.2  # share of the width an A/D press moves
FOLLOW_MARGIN = 0.1  # follow mode recentres when the playhead leaves the middle 80 %
CLICK_SLOP = 4  # pixels a press may move and still count as a click


def tooltip_html(text: str, theme: Theme) -> str:
    """A plain tooltip as rich text at the pane's text scale; Qt wraps rich text to fit the screen."""
    lines = "<br>".join(html.escape(line) for line in text.splitlines())
    return f"<div style='font-size:{TOOLTIP_PT * theme.font_scale:.1f}pt'>{lines}</div>"


class TimelinePane(QWidget):
    """Shows a Timeline; the playhead arrives through `set_playhead_ns` (virtual ns)."""

    viewChanged = Signal(object)  # the new TimelineView
    segmentSelected = Signal(int)  # segment index, -1 for none
    followChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(QSize(240, 120))
        self.setToolTip("")  # tooltips are computed per position in event()
        self._theme = theme
        self._index: TimelineIndex | None = None
        self._view = TimelineView(0.0, 1.0, 1, 1)
        self._playhead: int | None = None
        self._selected = -1
        self._follow = False
        self._auto_lanes = True  # lanes sized to the pane (until the user makes them taller or thinner)
        self._cache: QPixmap | None = None
        self._cache_key: tuple[object, ...] | None = None
        self._press: QPoint | None = None
        self._press_view: TimelineView | None = None
        self._band: QRubberBand | None = None

    # --- state ---

    def set_timeline(self, timeline: Timeline | TimelineIndex | None) -> None:
        """Show a new timeline (None: an empty pane), fitted to the pane."""
        self._index = index_of(timeline) if timeline is not None else None
        self._selected = -1
        self._auto_lanes = True
        if self._index is not None:
            self._set_view(opening_view(self.rect(), self._theme, self._index))
        else:
            body = self._layout().body
            self._set_view(TimelineView(0.0, 1.0, max(1, body.width()), max(1, body.height())))

    def index(self) -> TimelineIndex | None:
        return self._index

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._set_view(self._fitted(replace(self._view, fit_lane_px=readable_lane_px(theme),
                                            named_lane_px=least_lane_px(theme))))
        self.update()

    def theme(self) -> Theme:
        return self._theme

    def view(self) -> TimelineView:
        return self._view

    def set_view(self, view: TimelineView) -> None:
        self._set_view(view)

    def selected(self) -> int:
        return self._selected

    def select(self, seg: int) -> None:
        """Select a segment (its waker arrow shows); -1 clears."""
        if seg != self._selected:
            self._selected = seg
            self.segmentSelected.emit(seg)
            self.update()

    def follow(self) -> bool:
        return self._follow

    @Slot(bool)
    def set_follow(self, on: bool) -> None:
        """Follow the playhead: keep it on screen as it moves."""
        if on != self._follow:
            self._follow = on
            self.followChanged.emit(on)
            if on and self._playhead is not None:
                self._set_view(self._view.centred_on(self._playhead))

    @Slot(int)
    def set_playhead_ns(self, t: int) -> None:
        """Move the shared playhead (virtual ns)."""
        if t == self._playhead:
            return
        self._playhead = t
        if self._follow:
            margin = self._view.span * FOLLOW_MARGIN
            if not self._view.t0 + margin <= t <= self._view.t1 - margin:
                self._set_view(self._view.centred_on(t))
        self.update()

    def playhead_ns(self) -> int | None:
        return self._playhead

    def _set_view(self, view: TimelineView) -> None:
        if view != self._view:
            self._view = view
            self.viewChanged.emit(view)
            self.update()

    def _layout(self) -> TimelineLayout:
        return timeline_layout(self.rect(), self._theme, self._index)

    def _fitted(self, view: TimelineView) -> TimelineView:
        """`view` sized to the pane's lanes now; lanes the user has not resized follow the pane (and the text)."""
        view = fit_view(view, self._layout())
        return view.fitted_lanes() if self._auto_lanes else view

    # --- painting ---

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._picture())
        if self._playhead is not None and self._index is not None:
            draw_playhead(painter, self.rect(), self._view, self._theme, self._playhead, self._index)
        painter.end()

    def _picture(self) -> QPixmap:
        """The pane without its playhead, re-rendered only when the view, data, theme or selection change."""
        ratio = self.devicePixelRatioF()
        key = (self._view, self.size(), ratio, id(self._index), self._selected, self._theme)
        if self._cache is None or self._cache_key != key:
            pixmap = QPixmap(self.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(self._theme.background)
            painter = QPainter(pixmap)
            if self._index is not None:
                draw_timeline_base(painter, self.rect(), self._view, self._index, self._theme, self._selected)
            else:
                draw_empty(painter, self.rect(), self._theme,
                           self.tr("No threads in this run. Open a threaded program, or compare the models."))
            painter.end()
            self._cache, self._cache_key = pixmap, key
        return self._cache

    def resizeEvent(self, event: QResizeEvent) -> None:
        first = self._view.width <= 1
        if first and self._index is not None:
            self._set_view(opening_view(self.rect(), self._theme, self._index))
        else:
            self._set_view(self._fitted(self._view))
        super().resizeEvent(event)

    # --- hit testing ---

    def _body_pos(self, pos: QPoint) -> tuple[float, float] | None:
        body = self._layout().body
        if not body.contains(pos):
            return None
        return float(pos.x() - body.x()), float(pos.y() - body.y())

    def segment_at(self, pos: QPoint) -> int:
        """The segment under a widget position (thin ones within 3 px count), or -1."""
        hit = self._body_pos(pos)
        if hit is None or self._index is None:
            return -1
        x, y = hit
        lane = self._view.lane_at(y)
        return self._index.nearest_segment(lane, self._view.t_of(x), 3 * self._view.ns_per_px)

    def _switch_near(self, pos: QPoint) -> int:
        """A context switch marked on the lane under `pos` (its thread's lane or its CPU's) within 3 px, or -1."""
        hit = self._body_pos(pos)
        if hit is None or self._index is None:
            return -1
        x, y = hit
        index = self._index
        lane = self._view.lane_at(y)
        cpus = index.cpu_lane_indices
        cpu = cpus.index(lane) if lane in cpus else -1
        tol = 3 * self._view.ns_per_px
        t = self._view.t_of(x)
        lo, hi = index.switches_in(t - tol - max(0, int(index.sw_cost.max(initial=0))), t + tol)
        best, best_d = -1, float("inf")
        for i in range(max(lo, hi - 256), hi):
            on_lane = int(index.sw_to[i]) == lane or (cpu >= 0 and int(index.sw_cpu[i]) == cpu)
            start, end = float(index.sw_t[i]), float(index.sw_t[i] + index.sw_cost[i])
            d = max(start - t, t - end, 0.0)  # the mark and its cost band both count
            if on_lane and d <= tol and d < best_d:
                best, best_d = i, d
        return best

    # --- interaction ---

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text and self.on_legend_key(event.pos()):  # the whole legend, swatches and all
                QToolTip.showText(event.globalPos(), legend_html(self._theme, TOOLTIP_PT * self._theme.font_scale),
                                  self)
            elif text:
                QToolTip.showText(event.globalPos(), tooltip_html(text, self._theme), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tooltip_at(self, pos: QPoint) -> str:
        """The tooltip for a widget position: the legend (its key, or an item), the switch and the segment under it."""
        layout = self._layout()
        if self.on_legend_key(pos):
            return legend_text()
        if legend_shown(layout, self._selected) and layout.legend.contains(pos):
            key = item_at(layout.legend, self._theme, pos)
            return item_tooltip(key) if key is not None else ""
        if self._index is None:
            return ""
        gutter = self._layout().gutter
        if gutter.contains(pos):  # a lane's whole name (the gutter may have had to shorten it)
            lane = self._view.lane_at(pos.y() - gutter.y())
            return lane_name(self._index, lane) if 0 <= lane < len(self._index.lanes) else ""
        sw = self._switch_near(pos)
        seg = self.segment_at(pos)
        parts = []
        if sw >= 0:
            parts.append(switch_text(self._index, self._index.switch(sw)))
        if seg >= 0:
            parts.append(segment_tooltip(self._index, seg))
        return "\n\n".join(parts)

    def on_legend_key(self, pos: QPoint) -> bool:
        """Whether `pos` is on the legend key (shown where the whole legend has no room)."""
        layout = self._layout()
        return self._index is not None and key_shown(layout, self._selected) and layout.key.contains(pos)

    def wheelEvent(self, event: QWheelEvent) -> None:
        notches = event.angleDelta().y() / 120 or event.angleDelta().x() / 120
        if not notches:
            return
        hit = self._body_pos(event.position().toPoint())
        mods = event.modifiers()
        if mods & Qt.KeyboardModifier.ShiftModifier:
            self._set_view(self._view.panned(dy_px=-notches * 3 * self._view.lane_px))
        elif mods & Qt.KeyboardModifier.ControlModifier:
            self._auto_lanes = False
            self._set_view(self._view.lanes_zoomed(WHEEL_STEP**notches))
        else:
            self._set_view(self._view.zoomed(WHEEL_STEP**notches, hit[0] if hit else None))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            self._press = event.position().toPoint()
            self._press_view = self._view
            band = event.button() == Qt.MouseButton.RightButton or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if band:
                self._band = QRubberBand(QRubberBand.Shape.Rectangle, self)
                self._band.setGeometry(QRect(self._press, QSize()))
                self._band.show()
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or self._press_view is None:
            return
        pos = event.position().toPoint()
        if self._band is not None:
            self._band.setGeometry(QRect(self._press, pos).normalized())
        else:
            d = pos - self._press
            self._set_view(self._press_view.panned(dx_px=-d.x(), dy_px=-d.y()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        pos = event.position().toPoint()
        moved = (pos - self._press).manhattanLength() > CLICK_SLOP
        if self._band is not None:
            self._band.hide()
            self._band.deleteLater()
            self._band = None
            if moved:
                self.zoom_to_rect(QRect(self._press, pos).normalized())
        elif not moved and self.on_legend_key(pos):  # a click shows the legend too (a touch screen has no hover)
            legend = legend_html(self._theme, TOOLTIP_PT * self._theme.font_scale)
            QToolTip.showText(self.mapToGlobal(pos), legend, self)
        elif not moved:
            self.select(self.segment_at(pos))
        self._press = self._press_view = None

    def zoom_to_rect(self, rect: QRect) -> None:
        """Zoom to the time span and the lanes inside a widget rectangle."""
        body = self._layout().body
        r = rect.intersected(body)
        if r.width() < 2:
            return
        v = self._view
        t0, t1 = v.t_of(r.left() - body.x()), v.t_of(r.right() + 1 - body.x())
        lane0 = max(0, v.lane_at(r.top() - body.y()))
        lane1 = v.lane_at(r.bottom() - body.y()) + 1
        if r.height() >= v.lane_px:
            self._auto_lanes = False  # the user chose which lanes fill the pane
            self._set_view(v.zoomed_to(t0, t1, lane0, lane1))
        else:
            self._set_view(v.zoomed_to(t0, t1))

    def zoom_to_selected(self) -> None:
        """Zoom so the selected segment fills the middle half of the pane."""
        if self._index is None or self._selected < 0:
            return
        s, e = float(self._index.seg_start[self._selected]), float(self._index.seg_end[self._selected])
        pad = max(e - s, 20.0) / 2
        self._set_view(self._view.zoomed_to(s - pad, e + pad))

    def fit_all(self) -> None:
        self._auto_lanes = True
        self._set_view(self._view.fit_all())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """W/S or +/- zoom, A/D pan, F fits all, Z zooms to the selection, L follows the playhead.

        Arrow keys, Space, PgUp/PgDn and the other presenter keys are left to the window.
        """
        key = event.key()
        v = self._view
        actions = {
            Qt.Key.Key_W: lambda: self._set_view(v.zoomed(WHEEL_STEP)),
            Qt.Key.Key_Plus: lambda: self._set_view(v.zoomed(WHEEL_STEP)),
            Qt.Key.Key_Equal: lambda: self._set_view(v.zoomed(WHEEL_STEP)),
            Qt.Key.Key_S: lambda: self._set_view(v.zoomed(1 / WHEEL_STEP)),
            Qt.Key.Key_Minus: lambda: self._set_view(v.zoomed(1 / WHEEL_STEP)),
            Qt.Key.Key_A: lambda: self._set_view(v.panned(dx_px=-KEY_PAN * v.width)),
            Qt.Key.Key_D: lambda: self._set_view(v.panned(dx_px=KEY_PAN * v.width)),
            Qt.Key.Key_F: self.fit_all,
            Qt.Key.Key_Z: self.zoom_to_selected,
            Qt.Key.Key_L: lambda: self.set_follow(not self._follow),
        }
        action = actions.get(Qt.Key(key))
        chord = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if action is None or chord:
            event.ignore()
            return
        action()
        event.accept()
