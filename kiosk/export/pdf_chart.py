"""The bar chart of the PDF (reportlab.graphics, vector): guidance visits and dossiers per
hour (one day), per day (up to a month) or per month (a longer period)."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from kiosk.export.stats import Stats

VISITS_COLOUR = colors.HexColor("#2b6cb0")
DOSSIERS_COLOUR = colors.HexColor("#dd8a2e")


def nice_top(value: int) -> int:
    """An axis top at or above ``value`` (at least 5): 5, 10, 20, 25, 50, 100, 200, 250…"""
    for power in range(15):
        for step in (10, 20, 25, 50):
            top = int(step * 10**power) // 10
            if top >= max(value, 5):
                return top
    return value


def bar_chart(stats: Stats, width: float, height: float, font: str) -> Drawing:
    buckets = stats.buckets
    drawing = Drawing(width, height)
    drawing.initialFontName = font  # else the renderer selects an unembedded Helvetica
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 30
    chart.width, chart.height = width - 44, height - 58
    chart.data = [[b.visits for b in buckets] or [0], [b.dossiers for b in buckets] or [0]]
    chart.bars[0].fillColor, chart.bars[1].fillColor = VISITS_COLOUR, DOSSIERS_COLOUR
    chart.bars.strokeColor = None
    chart.barSpacing, chart.groupSpacing = 0.5, 4 if len(buckets) <= 16 else 1.5
    top = nice_top(max(max(chart.data[0]), max(chart.data[1])))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.valueStep = max(1, top // 5)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.categoryAxis.categoryNames = [b.label for b in buckets] or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7 if len(buckets) <= 16 else 5.5
    if len(buckets) > 16:
        chart.categoryAxis.labels.angle = 90
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dy = -2
    drawing.add(chart)
    drawing.add(_legend(font, width, height))
    unit = {"hour": "giờ", "day": "ngày", "month": "tháng"}[stats.bucket_unit]
    drawing.add(String(4, height - 12, f"Số lượt / {unit}", fontName=font, fontSize=7))
    return drawing


def _legend(font: str, width: float, height: float) -> Legend:
    legend = Legend()
    legend.x, legend.y = width - 210, height - 6
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName, legend.fontSize = font, 8
    legend.dx = legend.dy = 7
    legend.deltax = 110
    legend.colorNamePairs = [
        (VISITS_COLOUR, "Lượt hướng dẫn"),
        (DOSSIERS_COLOUR, "Hồ sơ đã nộp"),
    ]
    return legend
