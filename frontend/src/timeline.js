// The timeline: incidents per day (or week, month) as bars; brushing a range sets the shared
// since/until filters, clicking a bar selects its period (and opens its incident when it has one
// only), a click elsewhere clears them.
import { axisBottom, axisLeft } from "d3-axis";
import { brushX } from "d3-brush";
import { scaleLinear, scaleUtc } from "d3-scale";
import { pointer, select } from "d3-selection";

const MARGIN = { top: 10, right: 14, bottom: 22, left: 34 };
const DAY = 86400000;

function parseDay(s) {
  return new Date(`${s.slice(0, 10)}T00:00:00Z`);
}

function isoDay(d) {
  return d.toISOString().slice(0, 10);
}

export class Timeline {
  constructor(el, { onBrush, onSelect }) {
    this.el = el;
    this.onBrush = onBrush;
    this.onSelect = onSelect;
    this.svg = select(el).append("svg").attr("class", "timeline-svg");
    this.data = { bins: [], unit: "day" };
    this.range = null;
    new ResizeObserver(() => this.draw()).observe(el);
  }

  update(data, range) {
    this.data = data;
    this.range = range;
    this.draw();
  }

  draw() {
    const width = this.el.clientWidth;
    const height = this.el.clientHeight;
    if (!width || !height) return;
    const svg = this.svg.attr("width", width).attr("height", height);
    svg.selectAll("*").remove();
    const bins = this.data.bins || [];
    const step = { day: DAY, week: 7 * DAY, month: 30 * DAY, year: 365 * DAY }[this.data.unit] || DAY;
    if (!bins.length) {
      svg
        .append("text")
        .attr("class", "empty")
        .attr("x", width / 2)
        .attr("y", height / 2)
        .attr("text-anchor", "middle")
        .text("No dated incidents match the filters");
      return;
    }
    const first = parseDay(bins[0].date);
    const last = new Date(parseDay(bins[bins.length - 1].date).getTime() + step);
    const pad = Math.max(step, (last - first) * 0.03);
    const x = scaleUtc()
      .domain([new Date(first - pad), new Date(last.getTime() + pad)])
      .range([MARGIN.left, width - MARGIN.right]);
    const max = Math.max(...bins.map((b) => b.count));
    const y = scaleLinear()
      .domain([0, max])
      .nice()
      .range([height - MARGIN.bottom, MARGIN.top]);
    const g = svg.append("g");
    g.append("g")
      .attr("class", "axis")
      .attr("transform", `translate(0,${height - MARGIN.bottom})`)
      .call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))).tickSizeOuter(0));
    g.append("g")
      .attr("class", "axis")
      .attr("transform", `translate(${MARGIN.left},0)`)
      .call(axisLeft(y).ticks(Math.min(3, max)).tickSizeOuter(0));
    const barWidth = (d) => Math.max(3, x(new Date(parseDay(d.date).getTime() + step)) - x(parseDay(d.date)) - 1);
    g.append("g")
      .selectAll("rect")
      .data(bins)
      .join("rect")
      .attr("class", "bar")
      .attr("x", (d) => x(parseDay(d.date)))
      .attr("y", (d) => y(d.count))
      .attr("width", barWidth)
      .attr("height", (d) => y(0) - y(d.count))
      .attr("data-date", (d) => d.date)
      .append("title")
      .text((d) => `${d.date}: ${d.count} incident${d.count === 1 ? "" : "s"}`);
    const brush = brushX()
      .extent([
        [MARGIN.left, MARGIN.top],
        [width - MARGIN.right, height - MARGIN.bottom],
      ])
      .on("end", (event) => {
        if (!event.sourceEvent) return; // moved by code, not by the user
        if (!event.selection) {
          // A click (no drag): the bar under the pointer, if any, becomes the period.
          const [px] = pointer(event.sourceEvent, svg.node());
          const bin = bins.find((d) => {
            const a = x(parseDay(d.date));
            return px >= a - 1 && px <= a + barWidth(d) + 1;
          });
          if (bin) {
            const end = new Date(parseDay(bin.date).getTime() + step - DAY);
            this.onSelect({ since: bin.date, until: isoDay(end) });
          } else this.onBrush(null);
          return;
        }
        const [a, b] = event.selection.map((px) => x.invert(px));
        this.onBrush({ since: isoDay(a), until: isoDay(new Date(b.getTime() - 1)) });
      });
    const gb = g.append("g").attr("class", "brush").call(brush);
    if (this.range && (this.range.since || this.range.until)) {
      const a = this.range.since ? x(parseDay(this.range.since)) : MARGIN.left;
      const b = this.range.until ? x(new Date(parseDay(this.range.until).getTime() + DAY)) : width - MARGIN.right;
      gb.call(brush.move, [Math.max(MARGIN.left, a), Math.min(width - MARGIN.right, b)]);
    }
  }
}
