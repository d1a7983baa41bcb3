// The fleet's web calendar. Plain JavaScript on /api/v1 only. Everything people typed reaches the
// page through textContent, never as markup.
"use strict";

// itemIds: a reservation's key ("host/id") -> the ids of its bars, so one change redraws one
const state = { me: null, hosts: [], reservations: new Map(), itemIds: new Map(), selected: null };
const groups = new vis.DataSet();
const items = new vis.DataSet();
let timeline;

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function csrf() {
  const m = document.cookie.match(/(?:^|;\s*)hosthog_csrf=([^;]*)/);
  return m ? m[1] : "";
}

async function api(method, path, body) {
  const headers = { "Accept": "application/json" };
  if (method !== "GET") headers["X-CSRF-Token"] = csrf();
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  const data = text ? JSON.parse(text) : null;
  if (!r.ok) {
    const error = (data && data.error) || { message: "HTTP " + r.status };
    throw Object.assign(new Error(error.message), { status: r.status, conflicts: error.conflicts || [] });
  }
  return data;
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
  const gpu = r.match(/^gpu:(.+)$/);
  if (gpu) return units([r]).map(u => host + "|" + u);
  return [host + "|" + r];
}

// ---- drawing ----------------------------------------------------------------------------------

function ownerClass(owner) {
  let h = 0;
  for (const c of owner) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return "owner-" + (h % 8);
}

function hostLabel(h) {
  const label = el("span", h.host, h.online ? "host-online" : "host-offline");
  if (!h.online) {
    label.append(el("span", h.last_seen ? " (offline since " + when(h.last_seen) + ")" : " (never seen)"));
  }
  return label;
}

function drawHosts() {
  const hostFilter = document.getElementById("filter-host").value;
  const freeOnly = document.getElementById("filter-free").checked;
  const update = [];
  for (const h of state.hosts) {
    const free = new Set(h.free_now.map(f => f.resource));
    const rows = units(h.resources);
    const visibleHost = (!hostFilter || hostFilter === h.host) && (!freeOnly || free.size > 0);
    const label = hostLabel(h);
    label.dataset.row = h.host;
    update.push({ id: h.host, content: label, nestedGroups: rows.map(u => h.host + "|" + u),
                  showNested: true, visible: visibleHost, treeLevel: 1, className: h.online ? "" : "offline" });
    for (const u of rows) {
      const unit = el("span", u);
      unit.dataset.row = h.host + "|" + u;
      update.push({ id: h.host + "|" + u, content: unit, treeLevel: 2,
                    visible: visibleHost && (!freeOnly || free.has(u)) });
    }
  }
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

/** A bar's text; it is also how a keyboard reaches the reservation (Tab to it, Enter). */
function itemContent(r, row) {
  const span = el("span");
  span.append(el("strong", r.owner), el("span", ": " + r.message));
  span.tabIndex = 0;
  span.setAttribute("role", "button");
  span.setAttribute("aria-label", r.owner + " on " + row.replace("|", " ") + " until "
                    + when(r.end) + ": " + r.message);
  span.addEventListener("keydown", e => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      showDetails(r.host + "/" + r.id, true);
    }
  });
  return span;
}

/** The bars of {@code r}: one per row it holds (nothing if it is over or filtered out). */
function barsOf(r) {
  const key = r.host + "/" + r.id;
  const ownerFilter = document.getElementById("filter-owner").value;
  if (r.state === "released" || r.state === "ended" || (ownerFilter && ownerFilter !== r.owner)) return [];
  const bars = [];
  for (const c of r.claims) {
    for (const row of rowsOf(r.host, c)) {
      bars.push({ id: key + "@" + row, key, group: row, start: new Date(r.start), end: new Date(r.end),
                  content: itemContent(r, row), className: ownerClass(r.owner) + " mode-" + c.mode });
    }
  }
  return bars;
}

function drawReservation(r) {
  const key = r.host + "/" + r.id;
  items.remove(state.itemIds.get(key) || []);
  state.reservations.set(key, r);
  const bars = barsOf(r);
  state.itemIds.set(key, bars.map(b => b.id));
  items.add(bars);
}

function drawAll() {
  items.clear();
  state.itemIds.clear();
  const all = [];
  for (const r of state.reservations.values()) {
    const bars = barsOf(r);
    state.itemIds.set(r.host + "/" + r.id, bars.map(b => b.id));
    all.push(...bars);
  }
  items.add(all);
  const owners = [...new Set([...state.reservations.values()].map(r => r.owner))].sort();
  fillSelect("filter-owner", owners, "everyone");
  drawMine();
}

function drawMine() {
  const list = document.getElementById("mine-list");
  list.replaceChildren();
  const mine = [...state.reservations.values()]
    .filter(r => state.me && r.owner === state.me.user && (r.state === "active" || r.state === "planned"))
    .sort((a, b) => a.start.localeCompare(b.start));
  if (mine.length === 0) list.append(el("li", "None."));
  for (const r of mine) {
    const li = el("li", r.host + " #" + r.id + " " + r.claims.map(c => c.resource).join(" ") + " until "
                  + when(r.end) + ": " + r.message + " ");
    const release = el("button", "Release");
    release.type = "button";
    release.addEventListener("click", () => act("DELETE", r, undefined, "Released"));
    li.append(release);
    list.append(li);
  }
}

// ---- times, as the viewer's locale writes them (its own 12- or 24-hour clock), to the minute ----

const WHEN = new Intl.DateTimeFormat([], { dateStyle: "medium", timeStyle: "short" });

function when(t) {
  return WHEN.format(new Date(t));
}

/** A history line with each ISO instant the host recorded ("end 2026-12-04T15:29:04Z -> …") as when(). */
function times(text) {
  return String(text).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z/g, (m) => when(m));
}

// ---- details and actions ----------------------------------------------------------------------

async function showDetails(key, fromKeyboard) {
  const brief = state.reservations.get(key);
  if (!brief) return;
  state.selected = brief;
  const r = await api("GET", "/api/v1/hosts/" + encodeURIComponent(brief.host) + "/reservations/" + brief.id);
  const section = document.getElementById("details");
  document.getElementById("d-title").textContent = r.host + " #" + r.id + " (" + r.state + ")";
  const fields = document.getElementById("d-fields");
  fields.replaceChildren();
  for (const [name, value] of [["owner", r.owner], ["resources", r.claims.map(c => c.resource + " (" + c.mode + ")").join(" ")],
                               ["from", when(r.start)], ["until", when(r.end)],
                               ["message", r.message], ["uuid", r.uuid]]) {
    fields.append(el("dt", name), el("dd", value));
  }
  const history = document.getElementById("d-history");
  history.replaceChildren();
  for (const h of r.history || []) {
    history.append(el("li", when(h.at) + " " + h.actor + " " + h.kind + " " + times(h.detail)));
  }
  // The host decides on every request; this only offers what it would accept
  const mayChange = state.me && (r.owner === state.me.user || state.me.admin || state.me.admin_on.includes(r.host));
  document.getElementById("d-actions").hidden = !mayChange;
  const nobody = document.getElementById("d-nobody");
  nobody.hidden = mayChange;
  nobody.textContent = "Only " + r.owner + " or an admin may change this reservation (on " + r.host
                       + " itself, its admin groups may: hosthog extend/edit/release " + r.id + ").";
  document.getElementById("e-end").value = localInput(new Date(r.end));
  document.getElementById("e-message").value = r.message;
  section.hidden = false;
  if (fromKeyboard) document.getElementById("d-heading").focus();
}

/** Sends only what the edit form changed: an unchanged end must not turn into an edit of it. */
async function edit(event) {
  event.preventDefault();
  const r = state.selected;
  const body = {};
  const end = document.getElementById("e-end").value;
  if (end && end !== localInput(new Date(r.end))) body.until = isoFromInput(end);
  const message = document.getElementById("e-message").value;
  if (message !== r.message) body.message = message;
  if (Object.keys(body).length === 0) {
    say("Nothing to change: set a new end or message first.", true);
    return;
  }
  await act("PATCH", r, body, "Changed");
}

function say(text, error, conflicts) {
  const out = document.getElementById("outcome");
  out.replaceChildren(el("span", text));
  out.className = error ? "error" : "";
  for (const c of conflicts || []) {
    out.append(el("div", "in the way: " + c.host + " #" + c.id + " of " + c.owner + " ("
                  + c.claims.map(x => x.resource).join(" ") + ") until " + when(c.end)
                  + ": " + c.message));
  }
}

async function act(method, r, body, done) {
  try {
    const result = await api(method, "/api/v1/hosts/" + encodeURIComponent(r.host) + "/reservations/" + r.id, body);
    say(done + " " + result.host + " #" + result.id + ".");
    drawReservation(result);
    drawMine();
    if (state.selected && state.selected.host === result.host && state.selected.id === result.id) {
      await showDetails(result.host + "/" + result.id);
    }
  } catch (e) {
    say(e.message, true, e.conflicts);
  }
}

function localInput(date) {
  const d = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
}

function isoFromInput(value) {
  return new Date(value).toISOString();
}

async function claim(event) {
  event.preventDefault();
  const host = document.getElementById("c-host").value;
  const body = {
    resources: document.getElementById("c-resources").value.trim().split(/\s+/),
    until: isoFromInput(document.getElementById("c-end").value),
    message: document.getElementById("c-message").value,
  };
  const start = document.getElementById("c-start").value;
  if (start) body.at = isoFromInput(start);
  const mode = document.getElementById("c-mode").value;
  if (mode) body.mode = mode;
  try {
    const r = await api("POST", "/api/v1/hosts/" + encodeURIComponent(host) + "/reservations", body);
    say("Claimed " + r.claims.map(c => c.resource).join(" ") + " on " + r.host + " as reservation " + r.id + ".");
    items.remove("selection");
    drawReservation(r);
    drawMine();
  } catch (e) {
    say(e.message, true, e.conflicts);
  }
}

/**
 * A span selected on a row (Ctrl-drag), or a point (double-click): the timeline offers it as a new
 * item; it becomes the claim form's host, resource and times instead, shown as a shaded selection.
 */
function selectSpan(item, callback) {
  callback(null);
  if (!item.group) return;
  const [host, unit] = String(item.group).split("|");
  const start = new Date(item.start);
  const end = item.end && new Date(item.end) > start ? new Date(item.end) : new Date(start.getTime() + 2 * 3600000);
  document.getElementById("c-host").value = host;
  document.getElementById("c-resources").value = unit || "host";
  document.getElementById("c-start").value = localInput(start);
  document.getElementById("c-end").value = localInput(end);
  items.update({ id: "selection", group: item.group, start, end, type: "background",
                 className: "selection", content: el("span", "selected") });
  say("Selected " + (unit || "the whole host") + " on " + host + " from " + when(start) + " until "
      + when(end) + ": add a message and press Claim.");
  document.getElementById("c-message").focus();
}

// ---- calendar feed ----------------------------------------------------------------------------

async function makeFeed() {
  try {
    const f = await api("POST", "/api/v1/me/feed");
    const input = document.getElementById("feed-url");
    input.value = f.url;
    input.hidden = false;
    input.select();
    say("Your calendar feed (any earlier one stops working): add this URL to your calendar app.");
  } catch (e) {
    say(e.message, true);
  }
}

async function revokeFeed() {
  try {
    await api("DELETE", "/api/v1/me/feed");
    document.getElementById("feed-url").hidden = true;
    say("Your calendar feed is revoked.");
  } catch (e) {
    say(e.message, true);
  }
}

// ---- loading and live updates -----------------------------------------------------------------

async function loadHosts() {
  state.hosts = await api("GET", "/api/v1/hosts");
  drawHosts();
}

async function loadReservations() {
  const from = new Date(Date.now() - 86400000).toISOString();
  const to = new Date(Date.now() + 62 * 86400000).toISOString();
  const list = await api("GET", "/api/v1/reservations?from=" + encodeURIComponent(from) + "&to=" + encodeURIComponent(to));
  state.reservations.clear();
  for (const r of list) state.reservations.set(r.host + "/" + r.id, r);
  drawAll();
}

function listen() {
  const events = new EventSource("/api/v1/events");
  events.addEventListener("reservation", e => {
    drawReservation(JSON.parse(e.data));
    drawMine();
  });
}

function zoom(days) {
  const now = Date.now();
  timeline.setWindow(new Date(now - days * 86400000 / 8), new Date(now + days * 86400000 * 7 / 8));
}

/** Ends this session (no other) and shows the page a logged-out visitor gets. */
async function logout() {
  await api("POST", "/api/v1/logout");
  location.href = "/";
}

async function start() {
  state.me = await api("GET", "/api/v1/me");
  document.getElementById("who").textContent = "Logged in as " + state.me.user
    + (state.me.admin ? " (admin)" : state.me.admin_on.length ? " (admin of " + state.me.admin_on.join(", ") + ")" : "");
  timeline = new vis.Timeline(document.getElementById("timeline"), items, groups, {
    stack: true, zoomMin: 3600000, zoomMax: 31 * 86400000, orientation: "top", selectable: true,
    editable: { add: true, updateTime: false, updateGroup: false, remove: false }, onAdd: selectSpan,
    start: new Date(Date.now() - 2 * 3600000), end: new Date(Date.now() + 10 * 3600000),
  });
  timeline.on("select", p => { if (p.items.length) showDetails(items.get(p.items[0]).key); });
  await loadHosts();
  await loadReservations();
  listen();
  setInterval(loadHosts, 30000);
  document.getElementById("filter-host").addEventListener("change", drawHosts);
  document.getElementById("filter-free").addEventListener("change", drawHosts);
  document.getElementById("filter-owner").addEventListener("change", drawAll);
  document.querySelectorAll(".zoom button").forEach(b => b.addEventListener("click", () => zoom(+b.dataset.days)));
  document.getElementById("claim-form").addEventListener("submit", claim);
  document.getElementById("d-extend").addEventListener("click", () => act("PATCH", state.selected, { by: "1h" }, "Extended"));
  document.getElementById("d-release").addEventListener("click", () => act("DELETE", state.selected, undefined, "Released"));
  document.getElementById("edit-form").addEventListener("submit", edit);
  document.getElementById("c-end").value = localInput(new Date(Date.now() + 2 * 3600000));
  document.getElementById("feed-make").addEventListener("click", makeFeed);
  document.getElementById("feed-revoke").addEventListener("click", revokeFeed);
  document.getElementById("logout").addEventListener("click", logout);
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", () => start().catch(e => say(e.message, true)));
