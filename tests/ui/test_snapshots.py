"""Snapshots of the main screen on the seeds: dark, light, small terminal, a selection."""

from __future__ import annotations

from textual.pilot import Pilot

from tests.ui.conftest import palette_select, settle


def test_main_screen_dark_200x50(snap_compare, make_app):
    assert snap_compare(make_app(theme="reader-dark"), terminal_size=(200, 50), run_before=settle)


def test_main_screen_light_200x50(snap_compare, make_app):
    assert snap_compare(make_app(theme="reader-light"), terminal_size=(200, 50), run_before=settle)


def test_main_screen_80x24(snap_compare, make_app):
    assert snap_compare(make_app(theme="reader-dark"), terminal_size=(80, 24), run_before=settle)


def test_peskov_selected_then_next(snap_compare, make_app):
    async def select_then_next(pilot: Pilot) -> None:
        await settle(pilot)
        await palette_select(pilot, "Peskov")
        await pilot.press("n")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(200, 50), run_before=select_then_next)
