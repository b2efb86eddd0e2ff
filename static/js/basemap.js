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

  function create(el, options) {
    var lat = parseFloat(el.dataset.lat), lng = parseFloat(el.dataset.lng);
    if (isNaN(lat) || isNaN(lng)) { lat = -2.5; lng = 118; }
    var map = window.L.map(el, Object.assign({ attributionControl: false }, options || {}))
      .setView([lat, lng], parseInt(el.dataset.zoom || "12", 10));
    baseLayer(map, el);
    return map;
  }

  window.SinergiMap = { create: create, baseLayer: baseLayer };
})();
