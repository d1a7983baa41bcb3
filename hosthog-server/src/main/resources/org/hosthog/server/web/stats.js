// The fleet's usage statistics: GET /api/v1/usage as a chart (uPlot) and a table. Names reach the
// page through textContent, never as markup.
"use strict";

const SERIES = [
  { key: "claimed_gpu_hours", label: "Claimed", colour: "#3d6fb6", bars: 0.6 },
  { key: "used_gpu_hours", label: "Used", colour: "#3b8a4b", bars: 0.3 },
  { key: "busy_gpu_hours", label: "Busy", colour: "#6a4bb8" },
  { key: "idle_claimed_gpu_hours", label: "Idle claimed", colour: "#b86a1d" },
  { key: "unclaimed_gpu_hours", label: "Unclaimed", colour: "#a83a3a" },
];
let chart;

function $(id) {
  return document.getElementById(id);
}

function query() {
  const q = new URLSearchParams({ group_by: $("group-by").value, period: $("period").value });
  if ($("from").value) q.set("from", $("from").value);
  if ($("to").value) q.set("to", $("to").value);
  return q.toString();
}

function who(row) {
  return "gpu" in row ? row.host + " gpu:" + row.gpu : row.user !== undefined ? row.user : row.host;
}

function td(text, className) {
  const c = document.createElement("td");
  c.textContent = text;
  if (className) c.className = className;
  return c;
}

/** One decimal; a small amount keeps two, or shows as under 0.01, never as 0.0. */
function hours(h) {
  if (h === 0) return "0";
  if (h < 0.01) return "<0.01";
  return h.toFixed(h < 0.1 ? 2 : 1);
}

function drawTable(rows) {
  $("key-head").textContent = { user: "User", host: "Host", gpu: "GPU" }[$("group-by").value];
  const body = document.querySelector("#usage tbody");
  body.replaceChildren();
  for (const r of rows) {
    const tr = document.createElement("tr");
    tr.append(td(who(r)), td(r.period));
    for (const s of SERIES) tr.append(td(hours(r[s.key]), "number"));
    // efficiency: busy / claimed; nothing claimed is "–", never 100 %
    const share = r.claimed_gpu_hours > 0 ? Math.min(1, r.busy_gpu_hours / r.claimed_gpu_hours) : null;
    const bar = td(share === null ? "–" : Math.round(share * 100) + " %", "share");
    if (share !== null) bar.style.setProperty("--share", share * 100 + "%");
    tr.append(bar);
    body.append(tr);
  }
  if (rows.length === 0) {
    const tr = document.createElement("tr");
    const c = td("Nothing was claimed or used in these days.");
    c.colSpan = 8;
    tr.append(c);
    body.append(tr);
  }
}

/** The fleet's totals per period: x in seconds (uPlot's unit), one array per series. */
function totals(rows) {
  const byPeriod = new Map();
  for (const r of rows) {
    const t = byPeriod.get(r.period) || SERIES.map(() => 0);
    SERIES.forEach((s, i) => (t[i] += r[s.key]));
    byPeriod.set(r.period, t);
  }
  const periods = [...byPeriod.keys()].sort();
  return [periods.map((p) => Date.parse(p + "T00:00:00") / 1000)].concat(
    SERIES.map((s, i) => periods.map((p) => Math.round(byPeriod.get(p)[i] * 10) / 10)));
}

function day(seconds) {
  const d = new Date(seconds * 1000);
  return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
}

function drawChart(rows) {
  const data = totals(rows);
  const pad = { day: 1, week: 7, month: 31 }[$("period").value] * 86400;
  const width = Math.min(1000, document.body.clientWidth - 32);
  const opts = {
    width,
    height: 280,
    scales: {
      // a period's width on each side, so one period (or a few) is not stretched over years
      x: { time: true, range: (u, min, max) => [min - pad, max + pad] },
      y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] },
    },
    axes: [
      {
        // a tick at each period's first day (every few when there are many), named by that day
        splits: (u) => u.data[0].filter((x, i) => i % Math.ceil(u.data[0].length / 12) === 0),
        values: (u, splits) => splits.map(day),
      },
      { label: "GPU-hours", size: 60 },
    ],
    series: [{ label: "Period", value: (u, x) => (x === null ? "--" : day(x)) }].concat(SERIES.map((s) => ({
      label: s.label,
      stroke: s.colour,
      fill: s.bars ? s.colour + "55" : undefined,
      width: 2,
      paths: s.bars ? uPlot.paths.bars({ size: [s.bars, 80] }) : undefined,
      points: { show: !s.bars },
    }))),
  };
  if (chart) chart.destroy();
  chart = new uPlot(opts, data, $("chart"));
}

async function load() {
  const q = query();
  $("csv").href = "/api/v1/usage?format=csv&" + q;
  $("outcome").textContent = "";
  $("outcome").className = "";
  try {
    const r = await fetch("/api/v1/usage?" + q, { headers: { Accept: "application/json" } });
    const data = await r.json();
    if (!r.ok) throw new Error((data.error && data.error.message) || "HTTP " + r.status);
    drawTable(data);
    drawChart(data);
  } catch (e) {
    $("outcome").textContent = e.message;
    $("outcome").className = "error";
  }
  document.body.dataset.ready = "true";
}

for (const id of ["group-by", "period", "from", "to"]) $(id).addEventListener("change", load);
load();

// Ends this session (no other) and shows the page a logged-out visitor gets.
document.getElementById("logout").addEventListener("click", async () => {
  const m = document.cookie.match(/(?:^|;\s*)hosthog_csrf=([^;]*)/);
  await fetch("/api/v1/logout", { method: "POST", headers: { "X-CSRF-Token": m ? m[1] : "" } });
  location.href = "/";
});
