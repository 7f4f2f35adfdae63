"""An SVG bar chart of the benchmark's medians: requests/s and p99 per proxy, one group per load.

Plain SVG written by hand (no plotting library on a fresh machine): two panels side by side, each a
group of bars per connection level, one bar per proxy, its value printed above it.
"""
from xml.sax.saxutils import escape

COLOURS = ["#6b7280", "#2563eb", "#16a34a", "#84cc16", "#0891b2", "#f59e0b", "#dc2626", "#7c3aed"]
PANEL_W, PANEL_H, TOP, BOTTOM, LEFT = 470, 300, 40, 60, 60


def render(medians, proxies, levels, title):
    """medians: {(proxy, level): {"rps": float, "p99": float}} -> SVG text."""
    width = 2 * PANEL_W + 20
    height = PANEL_H + 30 + 18 * ((len(proxies) + 2) // 3)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="11">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<text x="{width / 2}" y="16" text-anchor="middle" font-size="13">{escape(title)}</text>']
    parts += _panel(medians, proxies, levels, "rps", "requests/s (higher is better)", 0)
    parts += _panel(medians, proxies, levels, "p99", "p99 latency, ms (lower is better)", PANEL_W + 20)
    legend_y = PANEL_H + 20
    for i, proxy in enumerate(proxies):
        x, y = 20 + (i % 3) * 300, legend_y + (i // 3) * 18
        parts.append(f'<rect x="{x}" y="{y - 9}" width="12" height="12" fill="{COLOURS[i % len(COLOURS)]}"/>')
        parts.append(f'<text x="{x + 18}" y="{y + 1}">{escape(proxy)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _panel(medians, proxies, levels, key, label, x0):
    peak = max((medians[(p, c)][key] for p in proxies for c in levels), default=1) or 1
    plot_h = PANEL_H - TOP - BOTTOM
    group_w = (PANEL_W - LEFT - 10) / len(levels)
    bar_w = min(28, (group_w - 20) / len(proxies))
    out = [f'<text x="{x0 + PANEL_W / 2}" y="{TOP - 10}" text-anchor="middle">{escape(label)}</text>',
           f'<line x1="{x0 + LEFT}" y1="{TOP + plot_h}" x2="{x0 + PANEL_W - 10}" y2="{TOP + plot_h}" stroke="#333"/>']
    for g, level in enumerate(levels):
        gx = x0 + LEFT + g * group_w + (group_w - bar_w * len(proxies)) / 2
        for i, proxy in enumerate(proxies):
            value = medians[(proxy, level)][key]
            h = plot_h * value / peak
            x, y = gx + i * bar_w, TOP + plot_h - h
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" '
                       f'fill="{COLOURS[i % len(COLOURS)]}"><title>{escape(proxy)}: {value:.2f}</title></rect>')
            text = f"{value / 1000:.1f}k" if key == "rps" else f"{value:.1f}"
            out.append(f'<text x="{x + (bar_w - 2) / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" '
                       f'font-size="9">{text}</text>')
        out.append(f'<text x="{gx + bar_w * len(proxies) / 2:.1f}" y="{TOP + plot_h + 16}" '
                   f'text-anchor="middle">{level} connections</text>')
    return out
