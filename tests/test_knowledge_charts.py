"""Server-rendered SVG charts: accessible, distinct without colour, escaped, gaps not bridged."""

from mrplan.knowledge.charts import Chart, Series, TargetLine, nice_ticks, render_line_chart, style


def test_each_series_differs_by_dash_and_marker_not_only_colour() -> None:
    seen = {(style(i)[1], style(i)[2]) for i in range(30)}
    assert len(seen) == 30


def test_the_chart_is_an_accessible_image_with_text_labels() -> None:
    svg = render_line_chart(
        Chart(
            title="Utsatthet <över tid>",
            description="Två stadsdelar",
            periods=["2023", "2024"],
            series=[Series("Bromma & Co", [1.0, 2.5]), Series("Farsta", [3.0, None])],
            unit="procent",
            targets=[TargetLine("Målvärde 2", 2.0)],
        ),
        chart_id="x",
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="x-title" aria-describedby="x-desc"' in svg
    assert '<title id="x-title">Utsatthet &lt;över tid&gt;</title>' in svg
    assert "Bromma &amp; Co</text>" in svg and "Farsta</text>" in svg
    assert "Målvärde 2</text>" in svg and "2,5" not in svg.split("<desc")[0]
    assert "<script" not in svg


def test_missing_and_suppressed_values_break_the_line() -> None:
    svg = render_line_chart(
        Chart(
            title="t",
            description="d",
            periods=["1", "2", "3"],
            series=[Series("A", [1.0, None, 2.0])],
        )
    )
    assert svg.count("<polyline") == 2


def test_ticks_are_round_and_cover_the_values() -> None:
    ticks = nice_ticks(0, 37)
    assert ticks[0] == 0 and ticks[-1] >= 37 and ticks[1] == 10
