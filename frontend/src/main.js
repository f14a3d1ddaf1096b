// The dashboard: one filter state shared by the map, the timeline and the actor network, and a
// side panel for incidents, search, the article reader and the analyze form. Routes live in
// the URL hash (#/article/ID?s=START&e=END, #/incident/ID, #/search?q=...) so views can be linked.
import { get, post } from "./api.js";
import { TYPE_COLORS, typeColor } from "./colors.js";
import { fmtDate, fmtNumber, h, mount } from "./dom.js";
import { IncidentMap } from "./map.js";
import { Network } from "./network.js";
import { Reader, excerpt } from "./reader.js";
import "./style.css";
import { Timeline } from "./timeline.js";

const STATUSES = ["occurred", "ongoing", "planned", "threatened", "hypothetical", "negated"];

const state = {
  // Precision first: by default only what is reported to have happened.
  filters: { since: "", until: "", country: "", actor: "", place: "", type: [], status: ["occurred", "ongoing"], min_sources: 1 },
  config: {},
  facets: {},
  tab: "incidents",
  search: { q: "", result: null, publisher: "" },
  selectedIncident: null,
};

const panel = document.getElementById("panel-body");
let reader;
let map;
let timeline;
let network;

function filterParams(without = []) {
  const f = { ...state.filters };
  for (const key of without) delete f[key];
  if (f.min_sources <= 1) delete f.min_sources;
  return f;
}

function setFilters(change) {
  Object.assign(state.filters, change);
  refresh();
}

// --- loading -----------------------------------------------------------------------------

let generation = 0;

function load() {
  return Promise.all([
    get("/incidents", { ...filterParams(), format: "geojson", limit: 2000 }),
    get("/timeline", filterParams(["since", "until"])),
    get("/network", { ...filterParams(), limit: 40 }),
    get("/facets", filterParams()),
  ]);
}

async function refresh(pending) {
  const mine = ++generation;
  renderActiveFilters();
  const [incidents, bins, net, facets] = await (pending || load());
  if (mine !== generation) return; // a newer refresh is on its way
  state.incidents = incidents;
  state.facets = facets;
  map.update(incidents);
  timeline.update(bins, { since: state.filters.since, until: state.filters.until });
  network.update(net, state.filters.actor || null);
  renderFilters();
  if (state.tab === "incidents") renderIncidents();
  document.body.dataset.loaded = "true";
}

// --- filters -----------------------------------------------------------------------------

function facetList(name, values, selected, onToggle, colour) {
  return h("div", { class: "facet", dataset: { facet: name } },
    values.length
      ? values.map((v) =>
          h("label", { class: `facet-row${selected.includes(v.value) ? " on" : ""}` },
            h("input", { type: "checkbox", checked: selected.includes(v.value), onchange: () => onToggle(v.value) }),
            colour ? h("span", { class: "type-dot", style: { background: colour(v.value) } }) : null,
            h("span", { class: "facet-value" }, v.label || v.value),
            h("span", { class: "count" }, fmtNumber(v.count)),
          ),
        )
      : h("div", { class: "muted" }, "none"),
  );
}

function toggle(list, value) {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

function renderFilters() {
  const f = state.filters;
  const facets = state.facets;
  const statusCounts = new Map((facets.status || []).map((v) => [v.value, v.count]));
  mount(
    document.getElementById("filters"),
    h("h3", {}, "Filters"),
    h("div", { class: "field" }, h("span", {}, "Period"),
      h("div", { class: "row" },
        h("input", { type: "date", value: f.since, "aria-label": "since", onchange: (e) => setFilters({ since: e.target.value }) }),
        h("input", { type: "date", value: f.until, "aria-label": "until", onchange: (e) => setFilters({ until: e.target.value }) }),
      ),
    ),
    h("div", { class: "field" }, h("span", {}, `Independent sources ≥ ${f.min_sources}`),
      h("input", { type: "range", min: 1, max: 10, value: f.min_sources, onchange: (e) => setFilters({ min_sources: Number(e.target.value) }) }),
    ),
    h("div", { class: "field" }, h("span", {}, "Country"),
      h("select", { onchange: (e) => setFilters({ country: e.target.value }) },
        h("option", { value: "" }, "all countries"),
        (facets.country || []).map((c) => h("option", { value: c.value, selected: c.value === f.country }, `${c.value} (${c.count})`)),
        f.country && !(facets.country || []).some((c) => c.value === f.country) ? h("option", { value: f.country, selected: true }, f.country) : null,
      ),
    ),
    h("div", { class: "field" }, h("span", {}, "Actor"),
      h("input", { type: "text", value: f.actor, placeholder: "actor id or name", onchange: (e) => setFilters({ actor: e.target.value.trim() }) }),
    ),
    h("div", { class: "field" }, h("span", {}, "Place"),
      h("input", { type: "text", value: f.place, placeholder: "place name", onchange: (e) => setFilters({ place: e.target.value.trim() }) }),
    ),
    h("h4", {}, "Event type"),
    facetList("type", facets.type || [], f.type, (v) => setFilters({ type: toggle(f.type, v) }), typeColor),
    h("h4", {}, "Status"),
    facetList(
      "status",
      STATUSES.map((s) => ({ value: s, count: statusCounts.get(s) || 0 })),
      f.status,
      (v) => setFilters({ status: toggle(f.status, v) }),
    ),
    h("button", {
      class: "clear",
      onclick: () => setFilters({ since: "", until: "", country: "", actor: "", place: "", type: [], status: ["occurred", "ongoing"], min_sources: 1 }),
    }, "Reset filters"),
    h("div", { class: "exports" }, h("h4", {}, "Export the selection"),
      ["geojson", "csv", "jsonl"].map((fmt) => h("a", { href: `/api/export/events?${new URLSearchParams({ ...flat(filterParams()), format: fmt })}`, download: "" }, fmt))),
  );
}

function flat(params) {
  const out = {};
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && !(Array.isArray(v) && !v.length)) out[k] = Array.isArray(v) ? v.join(",") : String(v);
  return out;
}

function renderActiveFilters() {
  const f = state.filters;
  const chips = [];
  if (f.since || f.until) chips.push(["period", `${f.since || "…"} → ${f.until || "…"}`, { since: "", until: "" }]);
  if (f.country) chips.push(["country", f.country, { country: "" }]);
  if (f.actor) chips.push(["actor", f.actor, { actor: "" }]);
  if (f.place) chips.push(["place", f.place, { place: "" }]);
  for (const t of f.type) chips.push(["type", t, { type: f.type.filter((x) => x !== t) }]);
  if (f.min_sources > 1) chips.push(["sources", `≥ ${f.min_sources}`, { min_sources: 1 }]);
  mount(document.getElementById("active-filters"),
    chips.map(([k, label, reset]) => h("button", { class: "filter-chip", title: "remove this filter", onclick: () => setFilters(reset) }, h("small", {}, k), label, " ×")));
}

// --- panel: incidents ----------------------------------------------------------------------

function renderIncidents() {
  const features = state.incidents ? state.incidents.features : [];
  const total = state.incidents ? state.incidents.total : 0;
  const sorted = [...features].sort((a, b) => b.properties.sources - a.properties.sources || String(b.properties.date_start).localeCompare(String(a.properties.date_start)));
  mount(panel,
    h("div", { class: "panel-head" }, h("b", {}, fmtNumber(total)), ` incident${total === 1 ? "" : "s"} match`, total > features.length ? ` (showing ${features.length})` : ""),
    h("ul", { class: "incident-list" }, sorted.slice(0, 300).map((f) => incidentRow(f.properties))),
  );
}

function incidentRow(p) {
  return h("li", { class: "incident-row", dataset: { incident: p.id }, onclick: () => go(`#/incident/${encodeURIComponent(p.id)}`) },
    h("span", { class: "type-dot", style: { background: typeColor(p.type) } }),
    h("div", {},
      h("div", {}, h("b", {}, p.type), " · ", p.place || "unplaced", p.country ? ` (${p.country})` : ""),
      h("div", { class: "muted" }, fmtDate(p.date_start), " · ", `${p.sources} source${p.sources === 1 ? "" : "s"}`, " · ", `${p.reports} report${p.reports === 1 ? "" : "s"}`, p.status !== "occurred" ? [" · ", h("span", { class: `status-badge ${p.status}` }, p.status)] : null),
    ),
  );
}

async function showIncident(id) {
  selectTab("incidents", false);
  map.select(id);
  const data = await get(`/incidents/${encodeURIComponent(id)}`);
  const inc = data.incident;
  mount(panel,
    h("div", { class: "incident-detail", dataset: { incident: inc.id } },
      h("a", { href: "#/", class: "back" }, "← all incidents"),
      h("h2", {}, h("span", { class: "type-dot big", style: { background: typeColor(inc.type) } }), inc.type, " ", h("span", { class: `status-badge ${inc.status}` }, inc.status)),
      h("div", { class: "muted" }, inc.place || "unplaced", inc.country ? ` (${inc.country})` : "", " · ", fmtDate(inc.date_start), inc.date_end && inc.date_end !== inc.date_start ? ` → ${fmtDate(inc.date_end)}` : ""),
      h("div", { class: "stats" },
        h("div", {}, h("b", {}, inc.sources), "independent sources"),
        h("div", {}, h("b", {}, inc.reports), "reports"),
        h("div", {}, h("b", {}, inc.articles), "articles"),
      ),
      data.figures.length
        ? h("section", {}, h("h4", {}, "Figures, by who reports them"),
            h("table", { class: "figures" }, h("tbody", {}, data.figures.map((q) =>
              h("tr", {},
                h("td", {}, q.start !== null
                  ? h("a", { href: spanHref(q.article_id, q), class: "number-link", title: q.text }, fmtNumber(q.value))
                  : fmtNumber(q.value)),
                h("td", {}, q.unit),
                h("td", { class: "muted" }, [q.reported_by_name, q.publisher].filter(Boolean).join(" · ")),
              )))))
        : null,
      h("h4", {}, "Reports"),
      h("ul", { class: "reports" }, data.reports.map((r) =>
        h("li", { class: "report" },
          h("div", { class: "report-head" }, h("b", {}, r.publisher || "unknown publisher"), " · ", fmtDate(r.published), r.independent ? null : h("span", { class: "copy" }, " copy")),
          h("div", { class: "report-title" }, r.title || "(untitled)"),
          h("blockquote", { class: "evidence" }, evidenceInContext(r)),
          h("a", { href: spanHref(r.article_id, r.evidence), class: "open-article" }, "Open in reader →"),
        ))),
    ),
  );
}

/** The evidence sentence with the event's own span marked inside it. */
function evidenceInContext(r) {
  const ctx = r.context;
  if (!ctx) return h("mark", {}, r.evidence.text);
  const a = Math.max(0, r.evidence.start - ctx.start);
  const b = Math.min(ctx.text.length, r.evidence.end - ctx.start);
  return [ctx.text.slice(0, a), h("mark", {}, ctx.text.slice(a, b)), ctx.text.slice(b)];
}

function spanHref(articleId, span) {
  return `#/article/${encodeURIComponent(articleId)}?s=${span.start}&e=${span.end}`;
}

// --- panel: search -------------------------------------------------------------------------

async function runSearch(q, publisher = "") {
  state.search = { q, publisher, result: null };
  selectTab("search", false);
  document.getElementById("search").value = q;
  if (!q.trim()) {
    mount(panel, h("div", { class: "muted pad" }, "Type words to search the text of every article and quote."));
    return;
  }
  mount(panel, h("div", { class: "muted pad" }, "Searching…"));
  try {
    state.search.result = await get("/search", { q, publisher, ...filterParams(["status", "min_sources"]), limit: 50 });
  } catch (err) {
    mount(panel, h("div", { class: "error pad" }, String(err.message || err)));
    return;
  }
  renderSearch();
}

function renderSearch() {
  const { q, result, publisher } = state.search;
  const facet = (name, title) =>
    (result.facets[name] || []).length
      ? h("div", { class: "search-facet" }, h("h4", {}, title),
          result.facets[name].map((v) => {
            const on = name === "publisher" ? publisher === v.value : name === "country" ? state.filters.country === v.value : state.filters.type.includes(v.value);
            return h("button", { class: `facet-pill${on ? " on" : ""}`, onclick: () => {
              if (name === "publisher") runSearch(q, on ? "" : v.value);
              else if (name === "country") { state.filters.country = on ? "" : v.value; refresh(); runSearch(q, publisher); }
              else { state.filters.type = toggle(state.filters.type, v.value); refresh(); runSearch(q, publisher); }
            } }, v.value, h("small", {}, ` ${v.count}`));
          }))
      : null;
  mount(panel,
    h("div", { class: "panel-head" }, h("b", {}, fmtNumber(result.total)), ` article${result.total === 1 ? "" : "s"} match “${q}”`),
    h("div", { class: "facets" }, facet("publisher", "Publisher"), facet("type", "Event type"), facet("country", "Country")),
    h("ul", { class: "search-results" }, result.items.map((it) =>
      h("li", { class: "search-hit", dataset: { article: it.id }, onclick: () => go(`#/article/${encodeURIComponent(it.id)}`) },
        h("div", { class: "hit-title" }, it.title || "(untitled)"),
        h("div", { class: "muted" }, [it.publisher, fmtDate(it.published)].filter(Boolean).join(" · "), it.events ? ` · ${it.events} event${it.events === 1 ? "" : "s"}` : ""),
        it.snippet ? h("div", { class: "snippet" }, highlightWords(it.snippet, q)) : null,
      ))),
  );
}

function highlightWords(text, q) {
  const words = (q.match(/[\p{L}\p{N}]+/gu) || []).map((w) => w.toLowerCase());
  if (!words.length) return text;
  const out = [];
  const re = /[\p{L}\p{N}]+/gu;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const w = m[0].toLowerCase();
    if (words.some((q) => w.startsWith(q))) {
      out.push(text.slice(last, m.index), h("mark", {}, m[0]));
      last = m.index + m[0].length;
    }
  }
  out.push(text.slice(last));
  return out;
}

// --- panel: article reader -----------------------------------------------------------------

async function showArticle(id, highlight) {
  selectTab("article", false);
  const report = await get(`/articles/${encodeURIComponent(id)}`);
  reader.show(report, { highlight });
}

// --- panel: analyze ------------------------------------------------------------------------

function renderAnalyze() {
  if (!state.config.write_enabled) {
    mount(panel, h("div", { class: "pad" }, h("h3", {}, "Analyze an article"),
      h("p", { class: "muted" }, "The server has no API token configured, so analyzing and storing articles is switched off. Start it with SITROOM_API_TOKEN set to enable it.")));
    return;
  }
  const token = h("input", { type: "password", placeholder: "API token", value: sessionStorage.getItem("sitroom-token") || "" });
  const title = h("input", { type: "text", placeholder: "Title (optional)" });
  const url = h("input", { type: "text", placeholder: "URL (optional; the page is not fetched)" });
  const body = h("textarea", { rows: 14, placeholder: "Paste the article text or the page's HTML here, or choose a file." });
  const file = h("input", { type: "file", accept: ".txt,.html,.htm,.json", onchange: async () => { if (file.files[0]) body.value = await file.files[0].text(); } });
  const status = h("div", { class: "status" });
  const submit = async (ev) => {
    ev.preventDefault();
    sessionStorage.setItem("sitroom-token", token.value);
    const text = body.value;
    const isHtml = /^\s*</.test(text);
    mount(status, "Analyzing…");
    try {
      const out = await post("/articles", { [isHtml ? "html" : "text"]: text, title: title.value || null, url: url.value || null }, token.value);
      mount(status, "Stored. ");
      await refresh();
      go(`#/article/${encodeURIComponent(out.id)}`);
    } catch (err) {
      mount(status, h("span", { class: "error" }, String(err.message || err)));
    }
  };
  mount(panel, h("form", { class: "analyze pad", onsubmit: submit },
    h("h3", {}, "Analyze an article"),
    h("p", { class: "muted" }, "The text is analyzed on the server and stored with the corpus."),
    token, title, url, body, file, h("button", { type: "submit" }, "Analyze and store"), status));
}

// --- routing -------------------------------------------------------------------------------

function selectTab(tab, render = true) {
  state.tab = tab;
  for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("active", b.dataset.tab === tab);
  if (!render) return;
  if (tab === "incidents") renderIncidents();
  else if (tab === "search") {
    if (state.search.result) renderSearch();
    else runSearch(state.search.q);
  } else if (tab === "analyze") renderAnalyze();
  else if (tab === "article") {
    if (reader.report) reader.show(reader.report);
    else mount(panel, h("div", { class: "muted pad" }, "Open an article from an incident or a search result."));
  }
}

function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function route() {
  const [path, qs] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(qs || "");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const fail = (err) => mount(panel, h("div", { class: "error pad" }, String(err.message || err)));
  if (parts[0] === "article" && parts[1]) {
    const s = params.get("s");
    const e = params.get("e");
    showArticle(parts[1], s !== null && e !== null ? { start: Number(s), end: Number(e) } : null).catch(fail);
  } else if (parts[0] === "incident" && parts[1]) {
    showIncident(parts[1]).catch(fail);
  } else if (parts[0] === "search") {
    runSearch(params.get("q") || "").catch(fail);
  } else {
    selectTab("incidents");
  }
}

// --- start ---------------------------------------------------------------------------------

async function start() {
  // Ask for the data first: the server answers while the map and its country shapes are set up.
  const first = load();
  state.config = await get("/config");
  map = new IncidentMap(document.getElementById("map"), {
    tileUrl: state.config.tile_url,
    tileAttribution: state.config.tile_attribution,
    onSelect: (id) => go(`#/incident/${encodeURIComponent(id)}`),
  });
  timeline = new Timeline(document.getElementById("timeline"), {
    onBrush: (r) => setFilters(r || { since: "", until: "" }),
    onSelect: async (r) => {
      Object.assign(state.filters, r);
      await refresh();
      const features = state.incidents.features;
      if (features.length === 1) go(`#/incident/${encodeURIComponent(features[0].properties.id)}`);
      else go("#/");
    },
  });
  network = new Network(document.getElementById("network"), { onSelect: (id) => setFilters({ actor: id || "" }) });
  reader = new Reader(panel, {
    onActor: (id) => setFilters({ actor: id }),
    onPlace: (p) => setFilters({ place: p.name }),
  });
  for (const b of document.querySelectorAll("#tabs button")) {
    b.addEventListener("click", () => {
      if (b.dataset.tab === "incidents") go("#/");
      else selectTab(b.dataset.tab);
    });
  }
  document.getElementById("search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    go(`#/search?q=${encodeURIComponent(document.getElementById("search").value)}`);
  });
  document.getElementById("analyze-open").addEventListener("click", () => selectTab("analyze"));
  window.addEventListener("hashchange", route);
  document.body.dataset.types = Object.keys(TYPE_COLORS).length;
  await refresh(first);
  route();
}

start().catch((err) => {
  mount(document.getElementById("panel-body"), h("div", { class: "error pad" }, `The dashboard could not load: ${err.message || err}`));
});

export { excerpt };
