from datetime import date

import pytest

from omzien.core import charts, dashboard


@pytest.fixture
def clean_registry(monkeypatch):
    monkeypatch.setattr(dashboard, "_sections", {})


def _request(user=None):
    return dashboard.SectionRequest(
        user=user, neighbourhood="nb", period_start=date(2026, 1, 1), period_end=date(2026, 12, 31)
    )


def test_sections_are_ordered_filtered_and_empty_ones_left_out(clean_registry, tmp_path, settings):
    template_dir = tmp_path / "templates"
    template_dir.mkdir()
    (template_dir / "part.html").write_text("<p>{{ figure }}</p>")
    # Assign a new list (not an in-place edit): the setting_changed signal then resets the
    # template engines, whichever templates were loaded before.
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [str(template_dir)]}]
    dashboard.register(dashboard.Section("b", "B", "part.html", lambda r: {"figure": 2}, order=2))
    dashboard.register(dashboard.Section("a", "A", "part.html", lambda r: {"figure": 1}, order=1))
    dashboard.register(dashboard.Section("empty", "E", "part.html", lambda r: None))
    dashboard.register(
        dashboard.Section("hidden", "H", "part.html", lambda r: {}, visible=lambda u, n: False)
    )
    dashboard.register(
        dashboard.Section("web", "W", "part.html", lambda r: {"figure": 3}, in_pdf=False)
    )
    page = dashboard.render_sections(_request())
    assert [s.key for s in page] == ["a", "b", "web"]
    assert page[0].html == "<p>1</p>"
    pdf = dashboard.render_sections(
        dashboard.SectionRequest(None, "nb", date(2026, 1, 1), date(2026, 12, 31), for_pdf=True)
    )
    assert [s.key for s in pdf] == ["a", "b"]


def test_line_chart_leaves_a_gap_for_a_suppressed_value():
    svg = charts.line_chart_svg([1.0, 2.0, None, 4.0, 5.0], title="Trend", minimum=0, maximum=5)
    assert svg.count("<polyline") == 2
    assert svg.count("<circle") == 4
    assert "<title>Trend</title>" in svg


def test_line_chart_needs_two_known_values():
    assert charts.line_chart_svg([None, 3.0], title="x") == ""


def test_api_sections_only_those_that_offer_figures(clean_registry):
    dashboard.register(dashboard.Section("a", "A", "x.html", lambda r: {}, api=lambda r: {"n": 7}))
    dashboard.register(dashboard.Section("b", "B", "x.html", lambda r: {}))
    dashboard.register(dashboard.Section("c", "C", "x.html", lambda r: {}, api=lambda r: None))
    assert dashboard.api_sections(_request()) == {"a": {"n": 7}}
