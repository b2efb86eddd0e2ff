/* The leaders' dashboard: the map of village layers (GeoJSON fetched per layer) and the weekly
   charts. No tile server is needed: without MAP_TILE_URL the points sit on a plain background. */
(function () {
  "use strict";
  var COLOURS = { t: "#c0392b", s: "#e67e22", r: "#27ae60" };
  var PALETTE = ["#0b4f8a", "#c0392b", "#27ae60", "#e67e22", "#8e44ad", "#16a085", "#7f8c8d", "#d35400"];

  function fetchLayer(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      return r.ok ? r.json() : Promise.reject(r.status);
    });
  }

  function indexLayer(data) {
    return window.L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        var p = feature.properties;
        return window.L.circleMarker(latlng, {
          radius: 4 + Math.min(8, p.s / 8), color: COLOURS[p.l] || "#7f8c8d", weight: 1, fillOpacity: 0.7,
        }).bindTooltip(p.n + ": " + p.s);
      },
    });
  }

  function countLayer(data, colour) {
    return window.L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        var p = feature.properties;
        return window.L.circleMarker(latlng, {
          radius: 3 + Math.min(12, Math.sqrt(p.k) * 2), color: colour, weight: 1, fillOpacity: 0.4,
        }).bindTooltip(p.n + ": " + p.k);
      },
    });
  }

  function villageUrl(el, code) {
    return el.dataset.villageUrl.replace(/0\/$/, code + "/");
  }

  function tip(el, p) {
    var lines = [p.n];
    if (p.s !== undefined) lines.push(el.dataset.textScore + " " + p.s);
    if (p.i) lines.push(p.i + " " + el.dataset.textIssues);
    if (p.o) lines.push(p.o + " " + el.dataset.textOverdue);
    if (p.d !== undefined) lines.push(p.d < 0 ? el.dataset.textNever : p.d + " " + el.dataset.textDays);
    return lines.join("<br>");
  }

  /* The leader's map: every village named and coloured by its index; rings for open issues,
     squares for late cases, dashed circles where engagement is stale; districts named. */
  function namedLayers(el, map, data) {
    var L = window.L;
    var villages = data.features.filter(function (f) { return f.properties.t !== "d"; });
    var districts = data.features.filter(function (f) { return f.properties.t === "d"; });
    var listed = (el.dataset.listed || "").split(" ");
    var index = L.layerGroup(), issues = L.layerGroup(), overdue = L.layerGroup();
    var stale = L.layerGroup(), names = L.layerGroup(), all = L.layerGroup();
    villages.forEach(function (f) {
      var p = f.properties;
      var at = L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]);
      var dot = L.circleMarker(at, {
        radius: 5 + Math.min(9, p.s / 7), color: "#fff", weight: 1,
        fillColor: COLOURS[p.l] || "#7f8c8d", fillOpacity: 0.9,
      }).bindTooltip(tip(el, p));
      dot.on("click", function () { window.location.href = villageUrl(el, p.c); });
      index.addLayer(dot);
      if (p.i) issues.addLayer(L.circleMarker(at, { radius: 15, color: "#6c1f8a", weight: 3, fill: false }));
      if (p.o) {
        overdue.addLayer(L.marker(at, {
          /* up and to the left of the dot: its village's name is on the right */
          icon: L.divIcon({ className: "map-count", html: String(p.o), iconSize: [18, 18], iconAnchor: [24, 20] }),
        }));
      }
      if (p.d < 0 || p.d >= 30) {
        stale.addLayer(L.circleMarker(at, { radius: 20, color: "#5d6d7e", weight: 1.5, dashArray: "4 4", fill: false }));
      }
      var label = L.tooltip({ permanent: true, direction: "right", offset: [8, 0], className: "map-label" })
        .setLatLng(at).setContent(p.n);
      var place = listed.indexOf(p.c);
      /* where names would overlap, the village higher in the attention list keeps its name */
      label.on("add", function () { label.getElement().dataset.rank = String(place < 0 ? listed.length : place); });
      (place >= 0 ? names : all).addLayer(label);
    });
    districts.forEach(function (f) {
      var at = L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]);
      if (!el.dataset.base) {  /* the base layer names the districts already */
        names.addLayer(L.tooltip({ permanent: true, direction: "center", className: "map-label district" })
          .setLatLng(at).setContent(f.properties.n));
      }
      if (f.properties.i) issues.addLayer(L.circleMarker(at, { radius: 26, color: "#6c1f8a", weight: 2, dashArray: "2 6", fill: false }));
    });
    var control = L.control.layers(null, null, { collapsed: true }).addTo(map);
    [[index, el.dataset.labelIndex], [issues, el.dataset.labelIssues], [overdue, el.dataset.labelOverdue],
     [stale, el.dataset.labelStale], [names, el.dataset.labelNames]].forEach(function (pair) {
      pair[0].addTo(map);
      control.addOverlay(pair[0], pair[1]);
    });
    var fitted = map.getZoom();
    if (villages.length) {
      var bounds = L.featureGroup(index.getLayers()).getBounds();
      fitted = map.getBoundsZoom(bounds, false, L.point(40, 40));
      map.fitBounds(bounds, { padding: [20, 20] });
    }
    /* the places of the list are always named; every village once zoomed in close */
    var close = Math.max(fitted + 2, 13);
    var toggle = function () {
      if (map.getZoom() >= close && map.hasLayer(names)) all.addTo(map);
      else map.removeLayer(all);
    };
    map.on("zoomend overlayadd overlayremove", toggle);
    toggle();
    el.dataset.zoom = String(fitted);
    el.dataset.loaded = String(villages.length);
    el.dataset.named = String(names.getLayers().length);
  }

  function initMap(el) {
    /* the shared base layer (tiles, or the named centroids around: static/js/basemap.js) */
    var map = window.SinergiMap.create(el, { zoomSnap: 0.25, maxZoom: 18 });
    if (el.dataset.layerDesa) {
      fetchLayer(el.dataset.layerDesa).then(function (data) { namedLayers(el, map, data); });
      return;
    }
    var control = window.L.control.layers(null, null, { collapsed: false }).addTo(map);
    fetchLayer(el.dataset.layerIndex).then(function (data) {
      var layer = indexLayer(data).addTo(map);
      control.addOverlay(layer, el.dataset.labelIndex);
      if (data.features.length) map.fitBounds(layer.getBounds(), { padding: [10, 10] });
      el.dataset.loaded = String(data.features.length);
    });
    fetchLayer(el.dataset.layerCases).then(function (data) {
      control.addOverlay(countLayer(data, "#0b4f8a"), el.dataset.labelCases);
    });
    fetchLayer(el.dataset.layerActivities).then(function (data) {
      control.addOverlay(countLayer(data, "#16a085"), el.dataset.labelActivities);
    });
  }

  function initCharts() {
    var source = document.getElementById("dashboard-charts");
    if (!source || !window.Chart || source.dataset.drawn) return;
    source.dataset.drawn = "1";
    var charts = JSON.parse(source.textContent);
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var series = charts[canvas.dataset.chart] || {};
      var datasets = Object.keys(series).map(function (name, i) {
        return { label: name, data: series[name], backgroundColor: PALETTE[i % PALETTE.length] };
      });
      // on a phone the legend of many kinds needs room: a taller chart, the legend beneath
      var narrow = canvas.parentElement && canvas.parentElement.clientWidth < 480;
      new window.Chart(canvas, {
        type: "bar",
        data: { labels: charts.weeks, datasets: datasets },
        options: {
          animation: false,
          responsive: true,
          aspectRatio: narrow ? 0.8 : 2,
          plugins: { legend: { position: "bottom", labels: { boxWidth: 12, font: { size: narrow ? 11 : 12 } } } },
          // counts are whole: no 0,5 steps
          scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        },
      });
    });
  }

  function initTrend() {
    var source = document.getElementById("index-trend");
    var canvas = document.querySelector("canvas[data-trend]");
    if (!source || !canvas || !window.Chart) return;
    var t = JSON.parse(source.textContent);
    var line = function (value) { return t.days.map(function () { return value; }); };
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: t.days,
        datasets: [
          { label: "Skor", data: t.scores, borderColor: "#0b4f8a", backgroundColor: "#0b4f8a", tension: 0.2 },
          { label: "Tinggi", data: line(t.high), borderColor: COLOURS.t, borderDash: [4, 4], pointRadius: 0 },
          { label: "Sedang", data: line(t.medium), borderColor: COLOURS.s, borderDash: [4, 4], pointRadius: 0 },
        ],
      },
      options: { animation: false, responsive: true, scales: { y: { beginAtZero: true, suggestedMax: 60 } } },
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-dashboard-map]").forEach(initMap);
    initCharts();
    initTrend();
  });
  /* the charts arrive as a fragment after the page (htmx) */
  document.addEventListener("htmx:afterSettle", initCharts);
})();
