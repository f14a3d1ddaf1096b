// The article reader: the cleaned text with every annotation of the report laid over it as
// spans. Text is only ever inserted as text nodes (see dom.js), so markup inside an article is
// shown, never interpreted. Every fact in the side list links to the span it came from.
import { typeColor } from "./colors.js";
import { fmtDate, fmtNumber, h, mount } from "./dom.js";

export const LAYERS = [
  ["actor", "Actors"],
  ["place", "Places"],
  ["date", "Dates"],
  ["quote", "Quotes"],
  ["claim", "Claims"],
  ["event", "Events"],
  ["number", "Numbers"],
];

const CERTAINTY_ORDER = ["asserted", "reported", "hedged", "contested", "denied"];

/** Every annotation of a report as {start, end, cls, title}. */
export function annotations(report) {
  const out = [];
  const actorName = new Map(report.actors.map((a) => [a.id, a.name]));
  for (const a of report.actors) {
    for (const m of a.mentions) {
      out.push({ start: m.start, end: m.end, cls: "m-actor", title: `actor: ${a.name} (${a.kind}${a.country ? `, ${a.country}` : ""})` });
    }
  }
  for (const p of report.places) {
    for (const m of p.mentions) {
      out.push({ start: m.start, end: m.end, cls: "m-place", title: `place: ${p.name}${p.country ? `, ${p.country}` : ""}` });
    }
  }
  for (const d of report.dates) {
    out.push({ start: d.start, end: d.end, cls: "m-date", title: `date: ${d.value || "unresolved"} (${d.precision})` });
  }
  for (const q of report.quotes) {
    const who = q.speaker ? q.speaker.name : "unknown speaker";
    out.push({ start: q.start, end: q.end, cls: "m-quote", title: `${q.kind} quote by ${who}` });
    if (q.speaker && q.speaker.start !== null && q.speaker.start !== undefined) {
      out.push({ start: q.speaker.start, end: q.speaker.end, cls: "m-speaker", title: `speaker: ${who}` });
    }
  }
  for (const c of report.claims) {
    const by = c.source ? c.source.name : "the author";
    out.push({ start: c.start, end: c.end, cls: `m-claim m-claim-${c.certainty}`, title: `claim (${c.certainty}) by ${by}` });
  }
  report.events.forEach((e, i) => {
    const who = [...e.source.map((s) => actorName.get(s) || s)].join(", ");
    out.push({ start: e.evidence.start, end: e.evidence.end, cls: "m-event", title: `event: ${e.type} (${e.status})${who ? ` by ${who}` : ""}`, event: i });
    for (const q of e.quantities) {
      out.push({ start: q.start, end: q.end, cls: "m-number", title: `${fmtNumber(q.value)} ${q.unit}` });
    }
  });
  return out.filter((a) => a.end > a.start && a.start >= 0 && a.end <= report.text.length);
}

/**
 * Split the text at every annotation boundary: each piece carries the classes of the
 * annotations that cover it (a sweep over sorted boundaries, linear in text + annotations).
 */
export function segments(text, anns) {
  const cuts = new Set([0, text.length]);
  for (const a of anns) {
    cuts.add(a.start);
    cuts.add(a.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const starts = new Map();
  for (const a of anns) {
    if (!starts.has(a.start)) starts.set(a.start, []);
    starts.get(a.start).push(a);
  }
  const active = new Set();
  const out = [];
  for (let i = 0; i < points.length - 1; i++) {
    const s = points[i];
    const e = points[i + 1];
    for (const a of active) if (a.end <= s) active.delete(a);
    for (const a of starts.get(s) || []) active.add(a);
    out.push({ start: s, end: e, anns: [...active] });
  }
  return out;
}

export class Reader {
  constructor(el, { onActor, onPlace }) {
    this.el = el;
    this.onActor = onActor;
    this.onPlace = onPlace;
    this.pieces = [];
    this.hidden = new Set();
  }

  show(report, { highlight } = {}) {
    this.report = report;
    const anns = annotations(report);
    const textEl = h("div", { class: "article-text", "data-article": report.id });
    this.pieces = [];
    for (const seg of segments(report.text, anns)) {
      const piece = report.text.slice(seg.start, seg.end);
      let node;
      if (seg.anns.length) {
        const cls = ["seg", ...new Set(seg.anns.flatMap((a) => a.cls.split(" ")))].join(" ");
        node = h("span", { class: cls, title: seg.anns.map((a) => a.title).join("\n"), dataset: { s: seg.start, e: seg.end } }, piece);
        const ev = seg.anns.find((a) => a.event !== undefined);
        if (ev) node.addEventListener("click", () => this.mark(report.events[ev.event].evidence));
      } else {
        node = document.createTextNode(piece);
      }
      this.pieces.push({ start: seg.start, end: seg.end, node });
      textEl.appendChild(node);
    }
    const meta = report.meta;
    mount(
      this.el,
      h(
        "article",
        { class: "reader" },
        h("header", { class: "reader-head" },
          h("h2", { class: "reader-title" }, meta.title || "(untitled)"),
          h("div", { class: "reader-meta" },
            [meta.publisher, meta.published ? fmtDate(meta.published) : null, meta.authors.length ? meta.authors.join(", ") : null]
              .filter(Boolean)
              .join(" · "),
            report.source.url ? [" · ", h("span", { class: "url" }, report.source.url)] : null,
          ),
        ),
        this.legend(),
        this.facts(report),
        textEl,
        report.captions.length
          ? h("div", { class: "captions" }, h("h4", {}, "Captions"), report.captions.map((c) => h("p", {}, c.text, c.credit ? ` (${c.credit})` : "")))
          : null,
      ),
    );
    this.textEl = textEl;
    this.applyHidden();
    if (highlight) this.mark(highlight);
    else this.el.scrollTop = 0;
  }

  legend() {
    return h(
      "div",
      { class: "legend" },
      LAYERS.map(([key, label]) =>
        h("label", { class: `chip chip-${key}` },
          h("input", {
            type: "checkbox",
            checked: !this.hidden.has(key),
            onchange: (ev) => {
              if (ev.target.checked) this.hidden.delete(key);
              else this.hidden.add(key);
              this.applyHidden();
            },
          }),
          label,
        ),
      ),
    );
  }

  applyHidden() {
    for (const [key] of LAYERS) this.textEl?.classList.toggle(`hide-${key}`, this.hidden.has(key));
  }

  link(span, label, cls = "") {
    return h("a", { href: "#", class: `span-link ${cls}`, dataset: { s: span.start, e: span.end }, onclick: (ev) => { ev.preventDefault(); this.mark(span); } }, label);
  }

  facts(report) {
    const actorName = new Map(report.actors.map((a) => [a.id, a.name]));
    const names = (ids) => ids.map((i) => actorName.get(i) || i).join(", ");
    const sections = [];
    if (report.events.length) {
      sections.push(
        h("section", { class: "facts-events" },
          h("h4", {}, `Events (${report.events.length})`),
          capped(report.events.map((e, i) =>
            h("li", { class: `event status-${e.status}`, dataset: { event: i, type: e.type } },
              h("a", { href: "#", class: "event-link", dataset: { s: e.evidence.start, e: e.evidence.end }, onclick: (ev) => { ev.preventDefault(); this.mark(e.evidence); } },
                h("span", { class: "type-dot", style: { background: typeColor(e.type) } }),
                h("b", {}, e.type),
                e.mode ? ` (${e.mode})` : "",
              ),
              h("span", { class: `status-badge ${e.status}` }, e.status),
              e.source.length || e.target.length ? h("div", { class: "who" }, names(e.source) || "?", " → ", names(e.target) || "?") : null,
              h("div", { class: "where" },
                e.place ? (e.place.span ? this.link(e.place.span, e.place.name) : e.place.name) : "unplaced",
                " · ",
                e.date ? (e.date.span ? this.link(e.date.span, e.date.text || fmtDate(e.date.start)) : fmtDate(e.date.start)) : "undated",
              ),
              e.quantities.length ? h("div", { class: "numbers" }, e.quantities.map((q) => this.link(q, `${fmtNumber(q.value)} ${q.unit}`, "number-link"))) : null,
              e.attributed_to ? h("div", { class: "by" }, "according to ", actorName.get(e.attributed_to) || e.attributed_to) : null,
            ),
          )),
        ),
      );
    }
    if (report.quotes.length) {
      sections.push(
        h("section", {},
          h("h4", {}, `Quotes (${report.quotes.length})`),
          capped(report.quotes.map((q) =>
            h("li", {}, h("b", {}, q.speaker ? q.speaker.name : "unattributed"), q.speaker?.role ? `, ${q.speaker.role}` : "", ": ",
              this.link(q, excerpt(q.text, 90), "quote-link"))),
          ),
        ),
      );
    }
    if (report.claims.length) {
      const by = (c) => (c.source ? c.source.name : "author");
      sections.push(
        h("section", {},
          h("h4", {}, `Claims (${report.claims.length})`),
          CERTAINTY_ORDER.filter((k) => report.claims.some((c) => c.certainty === k)).map((k) =>
            h("div", { class: `claims claims-${k}` }, h("span", { class: `certainty ${k}` }, k),
              capped(report.claims.filter((c) => c.certainty === k).map((c) => h("li", {}, by(c), ": ", this.link(c, excerpt(c.text, 90))))),
            ),
          ),
        ),
      );
    }
    const entityRow = (title, items, onClick) =>
      items.length
        ? h("section", {}, h("h4", {}, `${title} (${items.length})`),
            h("div", { class: "tags" }, items.map((it) =>
              h("span", { class: "tag" },
                h("a", { href: "#", onclick: (ev) => { ev.preventDefault(); if (it.mentions.length) this.mark(it.mentions[0]); } }, it.name),
                onClick ? h("button", { class: "tag-filter", title: "filter the map, timeline and network by this", onclick: () => onClick(it) }, "filter") : null,
                h("small", {}, ` ${it.mentions.length}`),
              ))))
        : null;
    sections.push(entityRow("Actors", report.actors, (a) => this.onActor(a.id)));
    sections.push(entityRow("Places", report.places, (p) => this.onPlace(p)));
    if (report.dates.length) {
      sections.push(h("section", {}, h("h4", {}, `Dates (${report.dates.length})`),
        h("div", { class: "tags" }, report.dates.map((d) => h("span", { class: "tag" }, this.link(d, d.text), h("small", {}, ` ${d.value || "?"}`))))));
    }
    return h("details", { class: "facts", open: true }, h("summary", {}, "What the report found"), sections);
  }

  /** Highlight a span of the text and scroll it into view. */
  mark(span) {
    if (!this.textEl) return;
    for (const el of this.textEl.querySelectorAll(".evidence-active")) el.classList.remove("evidence-active");
    let first = null;
    for (const p of this.pieces) {
      if (p.end <= span.start || p.start >= span.end) continue;
      let el = p.node;
      if (el.nodeType === Node.TEXT_NODE) {
        el = h("span", { class: "seg", dataset: { s: p.start, e: p.end } }, p.node.textContent);
        p.node.replaceWith(el);
        p.node = el;
      }
      el.classList.add("evidence-active");
      first = first || el;
    }
    if (first) first.scrollIntoView({ block: "center" });
  }
}

/** A list that shows its first ``n`` items and a button for the rest: long reports stay readable. */
function capped(items, n = 8) {
  const list = h("ul", {}, items.slice(0, n));
  if (items.length <= n) return list;
  const more = h("button", { class: "more", type: "button" }, `show ${items.length - n} more`);
  more.addEventListener("click", () => {
    list.append(...items.slice(n));
    more.remove();
  });
  return h("div", {}, list, more);
}

export function excerpt(text, n) {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}
