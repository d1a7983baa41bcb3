// The fleet's timeline: hosts collapsed to a free/busy strip (strips.js), expanded ones with a row per
// resource and a bar per claim; only the window in view (and a margin) is loaded, and a change
// touches the bars it concerns. Everything people typed goes in through textContent.
"use strict";

const state = {
  me: null, hosts: [], strips: new Map(), reservations: new Map(), itemIds: new Map(),
  expanded: new Set(JSON.parse(localStorage.getItem("hosthog.expanded") || "[]")),
  loaded: null, selected: null, hostsReady: null, meReady: null, colours: new Map(), mine: new Map(),
  stripIds: new Map(), // host -> the class of its row, which its strip's style rule names
};
const groups = new vis.DataSet();
const items = new vis.DataSet();
let timeline;

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

// ---- resources: "gpu:0-3" -> rows gpu:0 .. gpu:3 ------------------------------------------

function units(resources) {
  const out = [];
  for (const r of resources) {
    if (r === "host") continue;
    const gpu = r.match(/^gpu:(.+)$/);
    if (gpu) {
      for (const part of gpu[1].split(",")) {
        const range = part.match(/^(\d+)-(\d+)$/);
        if (range) for (let i = +range[1]; i <= +range[2]; i++) out.push("gpu:" + i);
        else out.push("gpu:" + part);
      }
    } else if (r.startsWith("cpu")) {
      out.push("cpu");
    } else {
      out.push(r);
    }
  }
  return out;
}

function rowsOf(host, claim) {
  const r = claim.resource;
  if (r === "host") return [host];
  if (r.startsWith("cpu")) return [host + "|cpu"];
  if (r.startsWith("gpu:")) return units([r]).map(u => host + "|" + u);
  return [host + "|" + r];
}

// ---- owner colours: distinct among the owners in view, in the order of their names ----------

const PALETTE = [210, 130, 28, 295, 50, 180, 0, 250, 85, 330, 190, 20]; // hues, far apart

/** Forgets the colours: the next owners drawn get the palette from its start, in this order. */
function assignColours(owners) {
  state.colours.clear();
  owners.forEach(colourOf);
}

/** The owner's line and fill colours: a palette hue each, then hues a golden angle apart. */
function colourOf(owner) {
  if (!state.colours.has(owner)) {
    const i = state.colours.size;
    const hue = i < PALETTE.length ? PALETTE[i] : Math.round((i * 137.5) % 360);
    const light = i < PALETTE.length ? 38 : 32 + (i % 3) * 8;
    state.colours.set(owner, { line: "hsl(" + hue + ", 60%, " + light + "%)",
                               fill: "hsla(" + hue + ", 60%, " + light + "%, .18)" });
    drawLegend();
  }
  return state.colours.get(owner);
}

function drawLegend() {
  const legend = document.getElementById("legend");
  legend.replaceChildren();
  for (const o of state.colours.keys()) {
    const li = el("li", o + (state.me && o === state.me.user ? " (you)" : ""));
    li.dataset.owner = o;
    const swatch = el("span", "", "swatch");
    swatch.style.background = state.colours.get(o).line;
    li.prepend(swatch);
    legend.append(li);
  }
}

// ---- rows: a host, and when expanded a row per resource under it ----------------------------

function hostVisible(h) {
  const hostFilter = document.getElementById("filter-host").value;
  const freeOnly = document.getElementById("filter-free").checked;
  const owner = document.getElementById("filter-owner").value;
  const strip = state.strips.get(h.host);
  return (!hostFilter || hostFilter === h.host) && (!freeOnly || h.free_now.length > 0)
    && (!owner || (strip && strip.owners.includes(owner)));
}

function hostLabel(h) {
  const open = state.expanded.has(h.host);
  const toggle = el("button", (open ? "▾ " : "▸ ") + h.host, "toggle " + (h.online ? "host-online" : "host-offline"));
  toggle.type = "button";
  toggle.dataset.host = h.host;
  toggle.setAttribute("aria-expanded", String(open));
  toggle.title = toggleTitle(h.host);
  toggle.addEventListener("click", () => setExpanded(h.host, !state.expanded.has(h.host)));
  const label = el("span");
  label.dataset.row = h.host;
  label.append(toggle);
  if (!h.online) {
    label.append(el("span", h.last_seen ? " (offline since " + when(h.last_seen) + ")" : " (never seen)", "host-offline"));
  }
  return label;
}

function drawHosts() {
  const update = [];
  const remove = [];
  const freeOnly = document.getElementById("filter-free").checked;
  state.hosts.forEach((h, i) => {
    const visible = hostVisible(h);
    const open = state.expanded.has(h.host);
    update.push({ id: h.host, content: hostLabel(h), order: i * 1000, visible,
                  className: (h.online ? "" : "offline ") + (open ? "host-open" : "host-closed ") + stripClass(h.host) });
    const free = new Set(h.free_now.map(f => f.resource));
    units(h.resources).forEach((u, j) => {
      const id = h.host + "|" + u;
      if (!open) {
        if (groups.get(id)) remove.push(id);
        return;
      }
      const unit = el("span", u, "unit");
      unit.dataset.row = id;
      // the keyboard's way to select a span on this row: Enter, then adjust the form's times
      unit.tabIndex = 0;
      unit.setAttribute("role", "button");
      unit.setAttribute("aria-label", "Claim " + u + " on " + h.host + " (Enter: from now, 2 hours)");
      unit.addEventListener("keydown", e => {
        if (e.key !== "Enter" && e.key !== " ") return;
        e.preventDefault();
        const start = new Date(Math.ceil(Date.now() / 300000) * 300000);
        selectSpan({ group: id, start, end: new Date(start.getTime() + 2 * 3600000) }, () => {});
      });
      update.push({ id, content: unit, order: i * 1000 + j + 1, className: "unit-row",
                    visible: visible && (!freeOnly || free.has(u)) });
    });
  });
  groups.remove(remove);
  groups.update(update);
  fillSelect("filter-host", state.hosts.map(h => h.host), "all hosts");
  fillSelect("c-host", state.hosts.filter(h => h.online).map(h => h.host), null);
}

function fillSelect(id, values, allLabel) {
  const select = document.getElementById(id);
  const current = select.value;
  select.replaceChildren();
  if (allLabel !== null) select.append(Object.assign(el("option", allLabel), { value: "" }));
  for (const v of values) select.append(Object.assign(el("option", v), { value: v }));
  if ([...select.options].some(o => o.value === current)) select.value = current;
}

async function setExpanded(host, open) {
  if (open) state.expanded.add(host); else state.expanded.delete(host);
  localStorage.setItem("hosthog.expanded", JSON.stringify([...state.expanded]));
  drawHosts();
  drawStrips();
  if (open) {
    await loadHost(host);
  } else {
    forget(keysOf(host));
  }
}

// ---- bars ---------------------------------------------------------------------------------------

/** A bar's text; it is also how a keyboard reaches the reservation (Tab to it, Enter). */
function itemContent(r, row) {
  const span = el("span");
  if (state.me && r.owner === state.me.user) span.append(el("span", "★ ", "mine-mark"));
  if (r.series) span.append(el("span", "↻ ", "series-mark"));
  span.append(el("strong", r.owner), el("span", ": " + r.message));
  span.tabIndex = 0;
  span.setAttribute("role", "button");
  span.setAttribute("aria-label", r.owner + " on " + row.replace("|", " ") + " until "
                    + when(r.end) + ": " + r.message
                    + (r.series ? " (" + r.occurrence.index + " of " + r.occurrence.count + " of a series)" : ""));
  span.addEventListener("keydown", e => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      showDetails(r.host + "/" + r.id, e.target);
    }
  });
  return span;
}

function mayChange(r) {
  return state.me && (r.owner === state.me.user || state.me.admin || state.me.admin_on.includes(r.host));
}

/** The bars of {@code r}: one per row it holds, and an exclusive whole-host claim shades each row. */
function barsOf(r) {
  const key = r.host + "/" + r.id;
  const owner = document.getElementById("filter-owner").value;
  if (r.state === "released" || r.state === "ended" || (owner && owner !== r.owner)
      || !state.expanded.has(r.host)) return [];
  const bars = [];
  const start = new Date(r.start);
  const end = new Date(r.end);
  const colour = colourOf(r.owner);
  const title = r.owner + ": " + r.message + " (" + when(r.start) + " – " + when(r.end) + ")";
  for (const c of r.claims) {
    for (const row of rowsOf(r.host, c)) {
      bars.push({ id: key + "@" + row, key, group: row, start, end, title, editable: mayChange(r),
                  content: itemContent(r, row), style: "border-color:" + colour.line + ";background-color:" + colour.fill,
                  className: "mode-" + c.mode + (state.me && r.owner === state.me.user ? " mine" : "") });
    }
    if (c.resource === "host" && c.mode === "exclusive") {
      const h = state.hosts.find(x => x.host === r.host);
      for (const u of h ? units(h.resources) : []) {
        bars.push({ id: key + "@shade@" + u, key, group: r.host + "|" + u, start, end, type: "background",
                    className: "host-exclusive", title: "the whole host, exclusively: " + title });
      }
    }
  }
  return bars;
}

/**
 * Draws {@code list} as they stand: their bars are updated in place (a selected bar stays
 * selected), in one change of the timeline, since it lays out the whole page for each change.
 */
function drawReservations(list) {
  const stale = [];
  const bars = [];
  for (const r of list) {
    const key = r.host + "/" + r.id;
    state.reservations.set(key, r);
    const mine = barsOf(r);
    const ids = new Set(mine.map(b => b.id));
    stale.push(...(state.itemIds.get(key) || []).filter(id => !ids.has(id)));
    state.itemIds.set(key, [...ids]);
    bars.push(...mine);
  }
  if (stale.length) items.remove(stale);
  if (bars.length) items.update(bars);
}

function drawReservation(r) {
  drawReservations([r]);
}

/** Takes the reservations of {@code keys} off the timeline, in one change. */
function forget(keys) {
  items.remove(keys.flatMap(key => state.itemIds.get(key) || []));
  for (const key of keys) {
    state.itemIds.delete(key);
    state.reservations.delete(key);
  }
}

function keysOf(host) {
  return [...state.reservations.keys()].filter(k => k.startsWith(host + "/"));
}

function drawAll() {
  drawReservations([...state.reservations.values()]);
  drawMine();
}

// ---- loading what is in view --------------------------------------------------------------------

function query(params) {
  return Object.entries(params).map(([k, v]) => k + "=" + encodeURIComponent(v)).join("&");
}

/** The window to load for what is in view: the view and half its width on each side. */
function wanted() {
  const w = timeline.getWindow();
  const margin = (w.end - w.start) / 2;
  return { from: new Date(w.start.getTime() - margin), to: new Date(w.end.getTime() + margin) };
}

async function loadHost(host) {
  const { from, to } = state.loaded;
  const list = await api("GET", "/api/v1/reservations?" + query({ host, from: from.toISOString(), to: to.toISOString() }));
  forget(keysOf(host));
  drawReservations(list);
  drawMine();
}

/**
 * Four pixels of the view, in milliseconds: gaps in a strip narrower than that are closed, so a
 * month of a big fleet is a few shaded spans a host (the timeline slows down badly with tens of
 * thousands of background items).
 */
function step() {
  const w = timeline.getWindow();
  return Math.floor((4 * (w.end - w.start)) / Math.max(400, document.getElementById("timeline").clientWidth));
}

/** Loads the strips and the expanded hosts' reservations for the view, unless they are loaded. */
async function loadWindow(force) {
  const w = timeline.getWindow();
  if (!force && state.loaded && state.loaded.from <= w.start && state.loaded.to >= w.end) return;
  document.body.dataset.loading = "true";
  try {
    state.loaded = wanted();
    const { from, to } = state.loaded;
    const strips = await api("GET", "/api/v1/busy?" + query({ from: from.toISOString(), to: to.toISOString(), step: step() }));
    await Promise.all([state.hostsReady, state.meReady]); // on the first load, asked for alongside
    state.strips = new Map(strips.map(s => [s.host, s]));
    const owners = [...new Set(strips.flatMap(s => s.owners))].sort();
    assignColours(owners);
    fillSelect("filter-owner", owners, "everyone");
    if (document.getElementById("filter-owner").value) drawHosts(); // it hides hosts by their owners
    drawStrips();
    await Promise.all([...state.expanded].filter(h => state.strips.has(h)).map(loadHost));
    drawAll();
  } finally {
    delete document.body.dataset.loading;
  }
}

let stripTimers = new Map();

/** A change on a collapsed host redraws its strip: asked again once per burst. */
function refreshStrip(host) {
  if (stripTimers.has(host) || !state.loaded) return;
  stripTimers.set(host, setTimeout(async () => {
    stripTimers.delete(host);
    const { from, to } = state.loaded;
    const strips = await api("GET", "/api/v1/busy?" + query({ host, from: from.toISOString(), to: to.toISOString(), step: step() }));
    for (const s of strips) state.strips.set(s.host, s);
    drawStrips();
  }, 250));
}

function listen() {
  const events = new EventSource("/api/v1/events");
  events.addEventListener("reservation", e => {
    changed(JSON.parse(e.data));
  });
}
