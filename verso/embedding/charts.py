"""A small server-rendered SVG line of the score over time (no script, no external file):
the coordinates are worked out here, ``embedding/_score_line.html`` draws them."""

WIDTH, HEIGHT, PAD = 320, 120, 24


def score_line(points: list[tuple[str, int]]) -> dict:
    """``points`` are (ISO day, score 0–100), oldest first. The table beside the chart
    carries the figures."""
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    n = len(points)
    coords = []
    for i, (_day, score) in enumerate(points):
        x = PAD + (inner_w * i / (n - 1) if n > 1 else inner_w / 2)
        y = PAD + inner_h * (1 - max(0, min(100, score)) / 100)
        coords.append((round(x, 1), round(y, 1)))
    grid = [{"value": v, "y": round(PAD + inner_h * (1 - v / 100), 1)} for v in (0, 50, 100)]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": PAD,
        "right": WIDTH - PAD,
        "label_x": PAD - 4,
        "polyline": " ".join(f"{x},{y}" for x, y in coords),
        "dots": coords,
        "grid": grid,
    }
