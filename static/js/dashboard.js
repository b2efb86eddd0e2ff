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

  function initMap(el) {
    var map = window.L.map(el, { attributionControl: false })
      .setView([parseFloat(el.dataset.lat), parseFloat(el.dataset.lng)], 10);
    if (el.dataset.tiles) window.L.tileLayer(el.dataset.tiles, { maxZoom: 18 }).addTo(map);
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
    if (!source || !window.Chart) return;
    var charts = JSON.parse(source.textContent);
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var series = charts[canvas.dataset.chart] || {};
      var datasets = Object.keys(series).map(function (name, i) {
        return { label: name, data: series[name], backgroundColor: PALETTE[i % PALETTE.length] };
      });
      new window.Chart(canvas, {
        type: "bar",
        data: { labels: charts.weeks, datasets: datasets },
        options: { animation: false, responsive: true, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
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
})();
