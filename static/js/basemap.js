// The base layer of every map (village page, hotspot picker, dashboard), in one place.
//
// With a tile server (settings.MAP_TILE_URL, given to the map element as data-tiles) it draws its
// tiles. Without one (a closed network, no internet) it draws the names and centroids of the
// areas around the place (data-base: /wilayah/<code>/peta-dasar.geojson, from the territory data
// package), so an officer still sees where things are. Use:
//
//   {% include "_map.html" with id="x" lat=… lng=… zoom=… area=area.code %}   (the element)
//   var map = window.SinergiMap.create(element);                              (a Leaflet map)
//
// The service worker keeps the base layer once fetched, so it also works without a signal.
(function () {
  "use strict";

  // Leaflet finds its pin pictures from its style sheet's address, which collectstatic renames
  // (marker-icon.<hash>.png), and then asks the page's own folder for them: the page names them
  // instead (this script's data-marker-*, from {% static %} in _map_head.html)
  var script = document.currentScript;
  if (window.L && script && script.dataset.markerIcon) {
    window.L.Icon.Default.imagePath = "";
    window.L.Icon.Default.mergeOptions({
      iconUrl: script.dataset.markerIcon,
      iconRetinaUrl: script.dataset.markerIcon2x,
      shadowUrl: script.dataset.markerShadow,
    });
  }

  var LABELS = { 1: "place-province", 2: "place-regency", 3: "place-district", 4: "place-village" };

  function baseLayer(map, el) {
    if (el.dataset.tiles) {
      window.L.tileLayer(el.dataset.tiles, { maxZoom: 19 }).addTo(map);
      el.dataset.baseLoaded = "tiles";
      return Promise.resolve(null);
    }
    if (!el.dataset.base) return Promise.resolve(null);
    return fetch(el.dataset.base, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) {
        var layer = window.L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            var p = feature.properties;
            var marker = window.L.circleMarker(latlng, {
              radius: p.l <= 2 ? 4 : 3, color: "#8a96a3", weight: 1, fillOpacity: 0.5, interactive: false,
            });
            marker.bindTooltip(p.n, {
              permanent: true, direction: "right", className: "place-label " + (LABELS[p.l] || ""),
            });
            return marker;
          },
        });
        layer.addTo(map);
        layer.bringToBack();
        el.dataset.baseLoaded = String(data.features.length);
        return layer;
      })
      .catch(function () { el.dataset.baseLoaded = "0"; return null; });
  }

  // Names never cover one another, nor a count drawn on the map: of two names that would
  // overlap, the more important stays (a village the page names, first by the page's own
  // data-rank, a district, a regency, the province, the other villages), the other is hidden
  // until a zoom gives it room.
  var ORDER = ["map-label", "district", "place-district", "place-regency", "place-province", "place-village"];

  function importance(label) {
    if (label.classList.contains("district")) return 1; // a map-label naming a district
    for (var i = 0; i < ORDER.length; i++) if (label.classList.contains(ORDER[i])) return i;
    return ORDER.length;
  }

  function declutter(map) {
    var labels = Array.prototype.slice.call(
      map.getContainer().querySelectorAll(".leaflet-tooltip.map-label, .leaflet-tooltip.place-label"));
    var rank = function (label) { return label.dataset.rank ? Number(label.dataset.rank) : Infinity; };
    labels.sort(function (a, b) { return importance(a) - importance(b) || rank(a) - rank(b); });
    // a count on the map (late cases) is never covered: names give way to it
    var shown = Array.prototype.map.call(
      map.getContainer().querySelectorAll(".leaflet-marker-icon.map-count"),
      function (mark) { return mark.getBoundingClientRect(); });
    labels.forEach(function (label) {
      var r = label.getBoundingClientRect(); // hidden labels keep their box (visibility only)
      var covers = shown.some(function (s) {
        return r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom;
      });
      label.classList.toggle("label-covered", covers);
      if (!covers) shown.push(r);
    });
  }

  function keepNamesApart(map) {
    var waiting = false;
    var soon = function () {
      if (waiting) return;
      waiting = true;
      window.requestAnimationFrame(function () { waiting = false; declutter(map); });
    };
    map.on("zoomend moveend resize layeradd layerremove", soon);
  }

  function create(el, options) {
    var lat = parseFloat(el.dataset.lat), lng = parseFloat(el.dataset.lng);
    if (isNaN(lat) || isNaN(lng)) { lat = -2.5; lng = 118; }
    var map = window.L.map(el, Object.assign({ attributionControl: false }, options || {}))
      .setView([lat, lng], parseInt(el.dataset.zoom || "12", 10));
    keepNamesApart(map);
    baseLayer(map, el);
    return map;
  }

  window.SinergiMap = { create: create, baseLayer: baseLayer };
})();
