// The fleet's web calendar: the page around the timeline (timeline.js): details, the forms, your
// reservations, live updates. Plain JavaScript on /api/v1 only. Everything people typed reaches the
// page through textContent, never as markup.
"use strict";

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

function drawMine() {
  const list = document.getElementById("mine-list");
  list.replaceChildren();
  const mine = [...state.mine.values()]
    .filter(r => r.state === "active" || r.state === "planned")
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

/** The host's own clock for {@code iso} ("10:00 UTC+01:00") when it differs from the viewer's. */
function hostTime(iso) {
  const offset = String(iso).match(/([+-]\d\d:\d\d|Z)$/);
  if (!offset) return null;
  const minutes = offset[1] === "Z" ? 0 : (offset[1][0] === "-" ? -1 : 1) * (+offset[1].slice(1, 3) * 60 + +offset[1].slice(4));
  if (minutes === -new Date(iso).getTimezoneOffset()) return null;
  return String(iso).slice(11, 16) + " on the host (UTC" + (offset[1] === "Z" ? "" : offset[1]) + ")";
}

/** Opens the details of {@code key} in a popover beside {@code anchor} (the bar, or what was focused). */
async function showDetails(key, anchor) {
  const brief = state.reservations.get(key) || state.mine.get(key);
  if (!brief) return;
  state.selected = brief;
  const r = await api("GET", "/api/v1/hosts/" + encodeURIComponent(brief.host) + "/reservations/" + brief.id);
  state.selected = r;
  document.getElementById("d-title").textContent = r.host + " #" + r.id + " (" + r.state + ")";
  const fields = document.getElementById("d-fields");
  fields.replaceChildren();
  const rows = [["owner", r.owner], ["resources", r.claims.map(c => c.resource + " (" + c.mode + ")").join(" ")],
                ["from", when(r.start)], ["until", when(r.end)]];
  const zone = hostTime(r.start);
  if (zone) rows.push(["host time", zone + " – " + hostTime(r.end).slice(0, 5)]);
  rows.push(["message", r.message]);
  if (r.series) rows.push(["series", r.occurrence.index + " of " + r.occurrence.count + ", every " + r.occurrence.every]);
  rows.push(["uuid", r.uuid]);
  for (const [name, value] of rows) fields.append(el("dt", name), el("dd", value));
  const history = document.getElementById("d-history");
  history.replaceChildren();
  for (const h of r.history || []) {
    history.append(el("li", when(h.at) + " " + h.actor + " " + h.kind + " " + times(h.detail)));
  }
  // The host decides on every request; this only offers what it would accept
  const may = mayChange(r);
  document.getElementById("d-actions").hidden = !may;
  document.getElementById("d-release").textContent = r.series ? "Release this one" : "Release";
  document.getElementById("d-release-later").hidden = !r.series;
  const nobody = document.getElementById("d-nobody");
  nobody.hidden = may;
  nobody.textContent = "Only " + r.owner + " or an admin may change this reservation (on " + r.host
                       + " itself, its admin groups may: hosthog extend/edit/release " + r.id + ").";
  document.getElementById("e-end").value = localInput(new Date(r.end));
  document.getElementById("e-message").value = r.message;
  place(document.getElementById("details"), anchor);
  if (anchor instanceof HTMLElement && anchor.matches("[role=button]")) document.getElementById("d-heading").focus();
}

/** Shows the popover next to {@code anchor}, inside the page; a narrow screen shows it at the bottom. */
function place(popover, anchor) {
  if (anchor === "keep" && !popover.hidden) return;
  popover.hidden = false;
  const bar = anchor instanceof HTMLElement ? anchor.getBoundingClientRect()
    : anchor && "x" in anchor ? { left: anchor.x, bottom: anchor.y } : null;
  if (!bar || window.innerWidth <= 700) {
    popover.style.left = "";
    popover.style.top = "";
    popover.classList.add("sheet");
    return;
  }
  popover.classList.remove("sheet");
  const width = popover.offsetWidth;
  const left = Math.min(Math.max(8, bar.left + window.scrollX), window.scrollX + document.documentElement.clientWidth - width - 8);
  popover.style.left = left + "px";
  popover.style.top = (bar.bottom + window.scrollY + 6) + "px";
}

function closeDetails() {
  document.getElementById("details").hidden = true;
  state.selected = null;
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

async function act(method, r, body, done, query) {
  try {
    const answer = await api(method, "/api/v1/hosts/" + encodeURIComponent(r.host) + "/reservations/" + r.id + (query || ""), body);
    // a change of a series answers with every occurrence it changed
    const all = answer.occurrences || [answer];
    const result = all[0];
    say(done + " " + result.host + " #" + result.id
        + (all.length > 1 ? " and " + (all.length - 1) + " later occurrence" + (all.length > 2 ? "s" : "") : "") + ".");
    all.forEach(changed);
    if (state.selected && state.selected.host === result.host && state.selected.id === result.id) {
      await showDetails(result.host + "/" + result.id, "keep");
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
  const repeat = document.getElementById("c-every");
  if (repeat.value) {
    body.every = repeat.value;
    body.count = +document.getElementById("c-count").value;
  }
  say("Claiming " + body.resources.join(" ") + " on " + host + "…"); // no earlier answer stays up meanwhile
  try {
    const answer = await api("POST", "/api/v1/hosts/" + encodeURIComponent(host) + "/reservations", body);
    const all = answer.occurrences || [answer]; // a series answers with each occurrence it made
    const r = all[0];
    say("Claimed " + r.claims.map(c => c.resource).join(" ") + " on " + r.host
        + (answer.occurrences ? " " + repeat.selectedOptions[0].textContent + ", " + all.length + " times: reservations "
                                + all.map(o => o.id).join(", ") : " as reservation " + r.id) + ".");
    items.remove("selection");
    document.getElementById("c-message").value = ""; // the next claim gets its own words
    repeat.value = ""; // and repeats only when asked again
    repeated();
    if (!state.expanded.has(r.host)) await setExpanded(r.host, true);
    all.forEach(changed);
  } catch (e) {
    say(e.message, true, e.conflicts);
  }
}

/** "Times" counts the occurrences of a repeated claim: offered only when it repeats. */
function repeated() {
  document.getElementById("c-count").disabled = !document.getElementById("c-every").value;
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

/** Your active and upcoming reservations on every host, expanded or not. */
async function loadMine() {
  const list = await api("GET", "/api/v1/reservations?" + query({ owner: state.me.user }));
  state.mine = new Map(list.map(r => [r.host + "/" + r.id, r]));
  drawMine();
}

/** A reservation as it stands now (an answer, or an event): its bars, its strip, your list. */
function changed(r) {
  const key = r.host + "/" + r.id;
  if (state.expanded.has(r.host)) drawReservation(r); else refreshStrip(r.host);
  if (state.me && r.owner === state.me.user) {
    state.mine.set(key, r);
    drawMine();
  }
}

/**
 * A bar dragged or resized: the change is asked of its host (the same PATCH as the edit form, so
 * the same conflict rules); the bar goes back when the host refuses, with the host's words.
 */
async function moved(item, callback) {
  const r = state.reservations.get(item.key);
  if (!r) return callback(null);
  const body = {};
  if (+item.start !== +new Date(r.start)) body.at = item.start.toISOString();
  if (+item.end !== +new Date(r.end)) body.until = item.end.toISOString();
  if (Object.keys(body).length === 0) return callback(null);
  try {
    const result = await api("PATCH", "/api/v1/hosts/" + encodeURIComponent(r.host) + "/reservations/" + r.id, body);
    callback(null); // every bar of the reservation is redrawn from the host's answer instead
    say("Moved " + result.host + " #" + result.id + ": " + when(result.start) + " – " + when(result.end) + ".");
    changed(result);
  } catch (e) {
    callback(null);
    say(e.message, true, e.conflicts);
  }
}

/** Snaps a dragged time to 5 minutes. */
function snap(date) {
  const step = 5 * 60000;
  return new Date(Math.round(date.getTime() / step) * step);
}

function zoom(days) {
  const now = Date.now();
  timeline.setWindow(new Date(now - days * 86400000 / 8), new Date(now + days * 86400000 * 7 / 8), { animation: false });
  // at once: the timeline tells of a new range 200 ms later (it waits for a scroll to settle)
  loadWindow(false).catch(e => say(e.message, true));
}

/** Ends this session (no other) and shows the page a logged-out visitor gets. */
async function logout() {
  await api("POST", "/api/v1/logout");
  location.href = "/";
}

async function start() {
  timeline = new vis.Timeline(document.getElementById("timeline"), items, groups, {
    stack: true, zoomMin: 3600000, zoomMax: 31 * 86400000, orientation: "top", selectable: true,
    // A screen of rows that scrolls under a fixed time axis (200 hosts are many screens): the
    // wheel scrolls, Ctrl+wheel zooms, Shift+wheel moves in time, as in a calendar app.
    maxHeight: "calc(100vh - 6rem)", verticalScroll: true, zoomKey: "ctrlKey",
    horizontalScroll: true, horizontalScrollKey: "shiftKey",
    groupOrder: "order", snap,
    editable: { add: true, updateTime: true, updateGroup: false, remove: false, overrideItems: false },
    onAdd: selectSpan, onMove: moved,
    tooltip: { followMouse: true, overflowMethod: "cap" },
    start: new Date(Date.now() - 2 * 3600000), end: new Date(Date.now() + 10 * 3600000),
  });
  timeline.on("select", p => {
    if (p.items.length) {
      const item = items.get(p.items[0]);
      const pointer = p.event && p.event.center;
      if (item && item.key) showDetails(item.key, pointer ? { x: pointer.x, y: pointer.y } : undefined);
    }
  });
  timeline.on("rangechange", placeStrips);
  timeline.on("changed", placeStrips); // a new width
  timeline.on("mouseMove", pointAtStrip);
  document.getElementById("timeline").addEventListener("mouseleave", () => { document.getElementById("strip-tip").hidden = true; });
  // who I am, the hosts and the window's strips are asked for at once; loadWindow draws when all are in
  state.meReady = api("GET", "/api/v1/me").then(me => {
    state.me = me;
    document.getElementById("who").textContent = "Logged in as " + me.user
      + (me.admin ? " (admin)" : me.admin_on.length ? " (admin of " + me.admin_on.join(", ") + ")" : "");
  });
  state.hostsReady = loadHosts();
  await Promise.all([loadWindow(true), state.meReady.then(loadMine)]);
  // only now: the timeline's first range event would ask for the same window a second time
  timeline.on("rangechanged", () => loadWindow(false).catch(e => say(e.message, true)));
  listen();
  setInterval(loadHosts, 30000);
  document.getElementById("filter-host").addEventListener("change", () => {
    const host = document.getElementById("filter-host").value;
    drawHosts();
    if (host && !state.expanded.has(host)) setExpanded(host, true);
  });
  document.getElementById("filter-free").addEventListener("change", drawHosts);
  document.getElementById("filter-owner").addEventListener("change", () => { drawHosts(); drawAll(); });
  document.querySelectorAll(".zoom button").forEach(b => b.addEventListener("click", () => zoom(+b.dataset.days)));
  document.getElementById("claim-form").addEventListener("submit", claim);
  document.getElementById("c-every").addEventListener("change", repeated);
  document.getElementById("d-extend").addEventListener("click", () => act("PATCH", state.selected, { by: "1h" }, "Extended"));
  document.getElementById("d-release").addEventListener("click", () => act("DELETE", state.selected, undefined, "Released"));
  document.getElementById("d-release-later").addEventListener("click", () => act("DELETE", state.selected, undefined, "Released", "?series=true"));
  document.getElementById("d-close").addEventListener("click", closeDetails);
  document.addEventListener("keydown", e => { if (e.key === "Escape") closeDetails(); });
  document.addEventListener("click", e => { // a click elsewhere closes it, as in a calendar app
    const details = document.getElementById("details");
    if (!details.hidden && !details.contains(e.target) && !e.target.closest(".vis-item")) closeDetails();
  });
  document.getElementById("edit-form").addEventListener("submit", edit);
  document.getElementById("c-end").value = localInput(new Date(Date.now() + 2 * 3600000));
  document.getElementById("feed-make").addEventListener("click", makeFeed);
  document.getElementById("feed-revoke").addEventListener("click", revokeFeed);
  document.getElementById("logout").addEventListener("click", logout);
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", () => start().catch(e => say(e.message, true)));
