// The fleet's timeline, a collapsed host's row: its free/busy strip (when its GPUs are claimed),
// and the strip's words under the pointer. Uses the page's state and the timeline (timeline.js).
"use strict";

// Not timeline items: the timeline measures each item it draws, one page layout each, which took
// most of a second for a fleet of 200. A strip is a CSS gradient on its host's row instead, one
// style rule a host; panning and zooming move every strip at once through two CSS variables.

const LEVELS = ["", "some", "half or more", "all"];

/** A host's row class: a number, since host names need not be valid in a class name. */
function stripClass(host) {
  if (!state.stripIds.has(host)) state.stripIds.set(host, "strip-" + state.stripIds.size);
  return state.stripIds.get(host);
}

/** The gradient of {@code host}'s strip over the loaded window, or null when it shows none. */
function stripGradient(host) {
  const strip = state.strips.get(host);
  if (!strip || !strip.spans.length || state.expanded.has(host)) return null;
  const { from, to } = state.loaded;
  const at = t => (100 * (t - from) / (to - from)).toFixed(3) + "%";
  const stops = ["transparent 0"];
  for (const [start, end, level] of strip.spans) {
    stops.push("transparent " + at(start), "var(--busy-" + level + ") " + at(start),
               "var(--busy-" + level + ") " + at(end), "transparent " + at(end));
  }
  return "linear-gradient(to right, " + stops.join(", ") + ")";
}

/** The strips' style rules, all in one sheet: written once for a window, again for a change. */
function drawStrips() {
  const rules = [];
  for (const h of state.hosts) {
    const gradient = stripGradient(h.host);
    if (gradient) rules.push(".vis-background .vis-group." + stripClass(h.host) + " { background-image: " + gradient + "; }");
    const toggle = document.querySelector("button.toggle[data-host=\"" + CSS.escape(h.host) + "\"]");
    if (toggle) toggle.title = toggleTitle(h.host);
  }
  document.getElementById("strips").textContent = rules.join("\n");
  placeStrips();
}

/** Lays the loaded window's gradients over the rows as the view stands (on every pan and zoom). */
function placeStrips() {
  if (!state.loaded || !timeline) return;
  const w = timeline.getWindow();
  // the timeline's own record of its width: reading the element's would lay out the page per frame
  const px = timeline.body.domProps.center.width / (w.end - w.start);
  const x = Math.round((state.loaded.from - w.start) * px) + "px";
  const width = Math.round((state.loaded.to - state.loaded.from) * px) + "px";
  const style = document.getElementById("timeline").style;
  if (style.getPropertyValue("--strip-x") !== x) style.setProperty("--strip-x", x);
  if (style.getPropertyValue("--strip-w") !== width) style.setProperty("--strip-w", width);
}

/** What {@code host}'s strip shows at {@code time}: "alpha: 2 of 8 GPUs claimed (some), …". */
function stripAt(host, time) {
  const strip = state.strips.get(host);
  const span = strip && !state.expanded.has(host) && strip.spans.find(([s, e]) => time >= s && time < e);
  if (!span) return null;
  const [start, end, level, most] = span;
  return host + ": " + most + " of " + strip.of + " " + strip.unit + " claimed at most (" + LEVELS[level]
    + "), " + when(start) + " – " + when(end);
}

/** The host toggle's tooltip: what its strip holds in view. */
function toggleTitle(host) {
  const open = state.expanded.has(host);
  const strip = state.strips.get(host);
  const most = strip && strip.spans.length ? Math.max(...strip.spans.map(s => s[3])) : 0;
  return (open ? "Collapse " : "Expand ") + host + " (its resources, one row each)"
    + (strip && !open ? "; at most " + most + " of " + strip.of + " " + strip.unit + " claimed in view" : "");
}

/** The strip's words under the pointer, as a tooltip beside it. */
function pointAtStrip(p) {
  const tip = document.getElementById("strip-tip");
  const text = p.group && !String(p.group).includes("|") ? stripAt(p.group, +p.time) : null;
  tip.hidden = !text;
  if (!text) return;
  tip.textContent = text;
  tip.style.left = (p.pageX + 12) + "px";
  tip.style.top = (p.pageY + 16) + "px";
}
