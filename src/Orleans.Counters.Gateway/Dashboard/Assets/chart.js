// The period's bar chart, drawn as inline SVG at the container's width. Bars are one tab stop:
// arrow keys, Home and End move between them (a roving tabindex), Enter or Space opens the bar's
// period, as a click does. A tooltip names the bar under the pointer or the focus.

import { axis, count } from "./format.js";

const svgNs = "http://www.w3.org/2000/svg";
const height = 260;
const margin = { top: 14, right: 8, bottom: 26, left: 44 };

/**
 * Draws `bars` ([{ label, name, tick, count }]) into `container`. With `onOpen`, bars are buttons
 * that open their segment; without, they are images of their count.
 */
export function drawChart(container, { bars, caption, onOpen }) {
  const focusedIndex = indexOfFocused(container);
  const width = Math.max(280, container.clientWidth);
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const top = niceTop(Math.max(0, ...bars.map((bar) => bar.count)));
  const band = plotWidth / Math.max(1, bars.length);
  const y = (value) => margin.top + plotHeight - (value / top) * plotHeight;

  const svg = element("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "group", "aria-label": caption });
  for (let i = 0; i <= 4; i++) {
    const value = (top / 4) * i;
    svg.append(element("line", { class: "grid", x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value) }));
    svg.append(text(axis(value), { class: "tick", x: margin.left - 8, y: y(value) + 4, "text-anchor": "end" }));
  }

  const every = Math.ceil((bars.length * (bars[0]?.tick.length > 3 ? 40 : 26)) / plotWidth);
  const tooltip = document.createElement("div");
  tooltip.className = "tooltip";
  tooltip.setAttribute("data-testid", "chart-tooltip");
  tooltip.hidden = true;

  const groups = bars.map((bar, i) => {
    const x = margin.left + i * band;
    const g = element("g", {
      class: onOpen ? "bar open" : "bar",
      role: onOpen ? "button" : "img",
      tabindex: -1,
      "aria-label": `${bar.name}: ${count(bar.count)} ${bar.count === 1 ? "event" : "events"}`,
      "data-testid": "segment",
      "data-label": bar.label,
      "data-count": bar.count,
    });
    g.append(element("rect", { class: "hit", x, y: margin.top, width: band, height: plotHeight }));
    const barHeight = Math.max(bar.count > 0 ? 2 : 0, plotHeight - (y(bar.count) - margin.top));
    const barWidth = Math.max(1, band * 0.72);
    g.append(element("rect", { class: "fill", x: x + (band - barWidth) / 2, y: margin.top + plotHeight - barHeight, width: barWidth, height: barHeight, rx: Math.min(3, barWidth / 3) }));
    if (i % every === 0) {
      svg.append(text(bar.tick, { class: "tick", x: x + band / 2, y: height - 8, "text-anchor": "middle" }));
    }
    const show = () => {
      tooltip.textContent = `${bar.name} · ${count(bar.count)}`;
      tooltip.hidden = false;
      const left = Math.min(Math.max(x + band / 2, 70), width - 70);
      tooltip.style.transform = `translate(${left}px, ${Math.max(0, y(bar.count) - 40)}px) translateX(-50%)`;
    };
    g.addEventListener("pointerenter", show);
    g.addEventListener("focus", show);
    g.addEventListener("pointerleave", () => (tooltip.hidden = true));
    g.addEventListener("blur", () => (tooltip.hidden = true));
    if (onOpen) {
      g.addEventListener("click", () => onOpen(bar));
    }
    return g;
  });
  svg.append(element("line", { class: "baseline", x1: margin.left, x2: width - margin.right, y1: y(0), y2: y(0) }));
  svg.append(...groups);

  const roving = Math.min(focusedIndex ?? 0, groups.length - 1);
  groups[roving]?.setAttribute("tabindex", "0");
  svg.addEventListener("keydown", (event) => move(event, groups, onOpen, bars));

  container.replaceChildren(svg, tooltip);
  if (focusedIndex !== null) {
    groups[roving]?.focus();
  }
}

/** Draws the last 60 minutes' counts as a small bar strip, the current minute last and highlighted. */
export function drawSparkline(svg, counts) {
  const top = Math.max(1, ...counts);
  const width = 600 / counts.length;
  const bars = counts.map((value, i) => {
    const barHeight = value > 0 ? Math.max(2, (value / top) * 46) : 0;
    return element("rect", { class: i === counts.length - 1 ? "now" : "", x: i * width + 1, width: width - 2, y: 47 - barHeight, height: barHeight });
  });
  svg.replaceChildren(element("rect", { class: "baseline", x: 0, y: 47, width: 600, height: 1 }), ...bars);
}

function move(event, groups, onOpen, bars) {
  const current = groups.indexOf(document.activeElement);
  if (current < 0) return;
  const keys = { ArrowRight: current + 1, ArrowDown: current + 1, ArrowLeft: current - 1, ArrowUp: current - 1, Home: 0, End: groups.length - 1 };
  if (event.key in keys) {
    const next = Math.max(0, Math.min(groups.length - 1, keys[event.key]));
    groups[current].setAttribute("tabindex", "-1");
    groups[next].setAttribute("tabindex", "0");
    groups[next].focus();
    event.preventDefault();
  } else if (onOpen && (event.key === "Enter" || event.key === " ")) {
    event.preventDefault();
    onOpen(bars[current]);
  }
}

function indexOfFocused(container) {
  const bars = [...container.querySelectorAll(".bar")];
  const index = bars.indexOf(document.activeElement);
  return index < 0 ? null : index;
}

// The axis' top: 1, 2 or 5 times a power of ten, at least the largest bar, so that quarters are round.
function niceTop(max) {
  if (max <= 4) return 4;
  const quarter = max / 4;
  const power = 10 ** Math.floor(Math.log10(quarter));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= quarter);
  return step * 4;
}

function element(name, attributes) {
  const node = document.createElementNS(svgNs, name);
  for (const [key, value] of Object.entries(attributes)) {
    node.setAttribute(key, String(value));
  }
  return node;
}

function text(content, attributes) {
  const node = element("text", attributes);
  node.textContent = content;
  return node;
}
