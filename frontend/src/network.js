// The actor network: who acts on whom in the filtered events. Node size is the number of
// events an actor takes part in, colour its kind; clicking a node filters by that actor.
import { drag } from "d3-drag";
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from "d3-force";
import { select } from "d3-selection";
import { kindColor } from "./colors.js";

export class Network {
  constructor(el, { onSelect }) {
    this.el = el;
    this.onSelect = onSelect;
    this.svg = select(el).append("svg").attr("class", "network-svg");
    this.sim = null;
    this.data = { nodes: [], links: [] };
    this.selected = null;
    new ResizeObserver(() => this.draw()).observe(el);
  }

  update(data, selected) {
    this.data = data;
    this.selected = selected;
    this.draw();
  }

  draw() {
    const width = this.el.clientWidth;
    const height = this.el.clientHeight;
    if (!width || !height) return;
    if (this.sim) this.sim.stop();
    const svg = this.svg.attr("width", width).attr("height", height);
    svg.selectAll("*").remove();
    const nodes = this.data.nodes.map((n) => ({ ...n }));
    const links = this.data.links.map((l) => ({ ...l }));
    if (!nodes.length) {
      svg
        .append("text")
        .attr("class", "empty")
        .attr("x", width / 2)
        .attr("y", height / 2)
        .attr("text-anchor", "middle")
        .text("No actors in the filtered events");
      return;
    }
    svg
      .append("defs")
      .append("marker")
      .attr("id", "arrow")
      .attr("viewBox", "0 -4 8 8")
      .attr("refX", 8)
      .attr("markerWidth", 6)
      .attr("markerHeight", 6)
      .attr("orient", "auto")
      .append("path")
      .attr("d", "M0,-4L8,0L0,4")
      .attr("fill", "#5d6b7e");
    // Area proportional to events, relative to the busiest actor, so a big corpus stays legible.
    const maxEvents = Math.max(1, ...nodes.map((n) => n.events || 1));
    const big = nodes.length > 25;
    const radius = (d) => 3 + (big ? 7 : 12) * Math.sqrt((d.events || 1) / maxEvents);
    // Name only the busiest actors when there are many; the rest have their name on hover.
    const labelled = new Set(nodes.slice(0, 15).map((n) => n.id));
    const maxCount = Math.max(1, ...links.map((l) => l.count));
    const link = svg
      .append("g")
      .selectAll("line")
      .data(links)
      .join("line")
      .attr("class", "link")
      .attr("stroke-width", (d) => 1 + 3 * (d.count / maxCount))
      .attr("marker-end", "url(#arrow)");
    link.append("title").text((d) => `${d.count} event${d.count === 1 ? "" : "s"}`);
    const node = svg
      .append("g")
      .selectAll("g")
      .data(nodes)
      .join("g")
      .attr("class", (d) => `node${d.id === this.selected ? " selected" : ""}`)
      .attr("data-actor", (d) => d.id)
      .on("click", (_, d) => this.onSelect(d.id === this.selected ? null : d.id));
    node
      .append("circle")
      .attr("r", radius)
      .attr("fill", (d) => kindColor(d.kind));
    node
      .filter((d) => labelled.has(d.id) || d.id === this.selected)
      .append("text")
      .attr("dx", (d) => radius(d) + 3)
      .attr("dy", "0.35em")
      .text((d) => d.name);
    node.append("title").text((d) => `${d.name} (${d.kind}${d.country ? `, ${d.country}` : ""}): ${d.events} events`);
    this.sim = forceSimulation(nodes)
      .force(
        "link",
        forceLink(links)
          .id((d) => d.id)
          .distance(big ? 40 : 70),
      )
      .force("charge", forceManyBody().strength(big ? -45 : -160))
      .force("center", forceCenter(width / 2, height / 2))
      // A wide, low pane: pull harder vertically so the graph does not pile up on the edges.
      .force("x", forceX(width / 2).strength(0.03))
      .force("y", forceY(height / 2).strength(0.12))
      .force("collide", forceCollide().radius((d) => radius(d) + 4))
      .on("tick", () => {
        for (const d of nodes) {
          d.x = Math.max(12, Math.min(width - 60, d.x));
          d.y = Math.max(12, Math.min(height - 12, d.y));
        }
        link
          .attr("x1", (d) => d.source.x)
          .attr("y1", (d) => d.source.y)
          .attr("x2", (d) => {
            const dx = d.target.x - d.source.x;
            const dy = d.target.y - d.source.y;
            const len = Math.hypot(dx, dy) || 1;
            return d.target.x - (dx / len) * (radius(d.target) + 2);
          })
          .attr("y2", (d) => {
            const dx = d.target.x - d.source.x;
            const dy = d.target.y - d.source.y;
            const len = Math.hypot(dx, dy) || 1;
            return d.target.y - (dy / len) * (radius(d.target) + 2);
          });
        node.attr("transform", (d) => `translate(${d.x},${d.y})`);
      });
    node.call(
      drag()
        .on("start", (event, d) => {
          if (!event.active) this.sim.alphaTarget(0.3).restart();
          d.fx = d.x;
          d.fy = d.y;
        })
        .on("drag", (event, d) => {
          d.fx = event.x;
          d.fy = event.y;
        })
        .on("end", (event, d) => {
          if (!event.active) this.sim.alphaTarget(0);
          d.fx = null;
          d.fy = null;
        }),
    );
  }
}
