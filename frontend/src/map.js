// The incident map: Natural Earth country shapes (world-atlas, bundled, so it works offline)
// under circle markers sized by independent sources and coloured by event type. A tile layer
// is added only when the server is configured with a tile URL.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { feature } from "topojson-client";
// A separate asset fetched in parallel: JSON parses faster than the same data as a JS literal.
import countriesUrl from "world-atlas/countries-50m.json?url";
import { typeColor } from "./colors.js";
import { fmtDate, h } from "./dom.js";

export class IncidentMap {
  constructor(el, { tileUrl, tileAttribution, onSelect }) {
    this.onSelect = onSelect;
    this.map = L.map(el, {
      worldCopyJump: true,
      minZoom: 2,
      maxZoom: 12,
      zoomSnap: 0.25,
      preferCanvas: false,
      attributionControl: true,
    }).setView([30, 30], 3);
    this.map.attributionControl.setPrefix(false);
    if (tileUrl) {
      L.tileLayer(tileUrl, { attribution: tileAttribution || "" }).addTo(this.map);
    } else {
      this.basemap = fetch(countriesUrl)
        .then((res) => res.json())
        .then((countries) => {
          // On a canvas: thousands of coastline vertices draw much faster there than as SVG paths.
          L.geoJSON(unwrap(feature(countries, countries.objects.countries)), {
            style: { color: "#3a4656", weight: 0.7, fillColor: "#1e2834", fillOpacity: 1 },
            interactive: false,
            renderer: L.canvas({ padding: 0.2 }),
          }).addTo(this.map);
          this.map.attributionControl.addAttribution("Natural Earth");
          document.body.dataset.basemap = "true";
        });
    }
    this.layer = L.layerGroup().addTo(this.map);
    this.markers = new Map();
    this.fitted = false;
  }

  /** Draw a GeoJSON FeatureCollection of incidents; the first draw zooms to them. */
  update(collection) {
    this.layer.clearLayers();
    this.markers.clear();
    const points = [];
    // Biggest first, so small incidents stay clickable on top of big ones.
    const features = [...collection.features].sort(
      (a, b) => (b.properties.sources || 0) - (a.properties.sources || 0),
    );
    for (const f of features) {
      if (!f.geometry) continue;
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties;
      const marker = L.circleMarker([lat, lon], {
        radius: 5 + 4 * Math.sqrt(Math.max(1, p.sources || 1)),
        color: "#0b0f14",
        weight: 1,
        fillColor: typeColor(p.type),
        fillOpacity: 0.85,
        className: `incident-marker type-${p.type}`,
      });
      // Built when first shown: creating 2,000 tooltips up front cost seconds on a big store.
      marker.bindTooltip(() =>
        h(
          "div",
          { class: "tip" },
          h("b", {}, p.type),
          ` · ${p.status}`,
          h("br"),
          `${p.place || "unplaced"} · ${fmtDate(p.date_start)}`,
          h("br"),
          `${p.sources} independent source${p.sources === 1 ? "" : "s"}, ${p.reports} report${p.reports === 1 ? "" : "s"}`,
        ),
      );
      marker.on("click", () => this.onSelect(p.id));
      marker.addTo(this.layer);
      marker.getElement()?.setAttribute("data-incident", p.id);
      marker.getElement()?.setAttribute("data-place", p.place || "");
      this.markers.set(p.id, marker);
      points.push([lat, lon]);
    }
    if (!this.fitted && points.length) {
      this.map.fitBounds(L.latLngBounds(points).pad(0.6), { maxZoom: 6 });
      this.fitted = true;
    }
  }

  select(id) {
    for (const [key, marker] of this.markers) {
      const el = marker.getElement();
      if (el) el.classList.toggle("selected", key === id);
    }
    const marker = this.markers.get(id);
    if (marker) this.map.panTo(marker.getLatLng());
  }

  invalidate() {
    this.map.invalidateSize();
  }
}

/**
 * Rings that cross the antimeridian (Russia, Fiji) jump from +180 to -180 and Leaflet would draw
 * a band across the whole map: continue them past 180 instead.
 */
function unwrap(collection) {
  const ring = (points) => {
    let shift = 0;
    return points.map(([lon, lat], i) => {
      if (i > 0) {
        const prev = points[i - 1][0];
        if (lon - prev > 180) shift -= 360;
        else if (prev - lon > 180) shift += 360;
      }
      return [lon + shift, lat];
    });
  };
  for (const f of collection.features) {
    const g = f.geometry;
    if (!g) continue;
    if (g.type === "Polygon") g.coordinates = g.coordinates.map(ring);
    else if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map((poly) => poly.map(ring));
  }
  return collection;
}
