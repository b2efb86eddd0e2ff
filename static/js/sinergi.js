// Sinergi's own script: small, no build step, nothing inline (the CSP forbids inline scripts).
(function () {
  "use strict";

  // Each init takes the part of the page to work on (the whole document, or a form the outbox
  // put back after a form error) and skips what it already did.
  function each(root, selector, work) {
    root.querySelectorAll(selector).forEach(function (el) {
      if (el.dataset.ready) return;
      el.dataset.ready = "1";
      work(el);
    });
  }

  function initMaps(root) {
    if (typeof window.L === "undefined") return;
    each(root, "[data-map]", function (el) {
      var lat = parseFloat(el.dataset.lat), lng = parseFloat(el.dataset.lng);
      if (isNaN(lat) || isNaN(lng)) return;
      // Tiles from the server the operator configures (MAP_TILE_URL), else the named centroids
      // of the areas around: static/js/basemap.js, so it works in a closed network.
      var map = window.SinergiMap ? window.SinergiMap.create(el)
        : window.L.map(el, { attributionControl: false }).setView([lat, lng], parseInt(el.dataset.zoom || "10", 10));
      window.L.circleMarker([lat, lng], { radius: 8, color: "#0b4f8a", fillOpacity: 0.6 }).addTo(map);
      var data = el.dataset.points && document.getElementById(el.dataset.points);
      if (data) {
        var points = JSON.parse(data.textContent || "[]");
        var bounds = [[lat, lng]];
        points.forEach(function (p) {
          window.L.circleMarker([p.lat, p.lng], { radius: 5, color: "#5b6673" })
            .bindTooltip(p.name).addTo(map)
            .on("click", function () { window.location.href = p.url; });
          bounds.push([p.lat, p.lng]);
        });
        if (bounds.length > 1) map.fitBounds(bounds, { padding: [20, 20] });
      }
    });
  }

  // "± 120 m", "± 1,6 km": how far the phone is from a village's centre.
  function distanceText(metres) {
    if (metres < 1000) return "± " + String(Math.max(10, Math.round(metres / 10) * 10)) + " m";
    var km = (metres / 1000).toFixed(1);
    return "± " + (document.documentElement.lang === "en" ? km : km.replace(".", ",")) + " km";
  }

  // Puts the nearest villages into the case form's picker as radio buttons, the nearest chosen.
  function pickVillages(target, nearby) {
    var list = document.createElement("ul");
    list.className = "pick";
    nearby.forEach(function (found, index) {
      var item = document.createElement("li");
      var label = document.createElement("label");
      label.className = "check";
      var radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "area";
      radio.value = found.area.code;
      radio.checked = index === 0;
      var name = document.createElement("strong");
      name.textContent = " " + found.area.name + " ";
      var where = document.createElement("small");
      where.className = "muted";
      where.textContent = distanceText(found.distance_m) + " · " + found.area.label;
      label.append(radio, name, where);
      item.append(label);
      list.append(item);
    });
    target.replaceChildren(list);
  }

  // The search page lists the nearest villages as links to their pages.
  function listVillages(target, nearby, detail, heading) {
    var title = document.createElement("h2");
    title.textContent = heading;
    var list = document.createElement("ul");
    list.className = "results";
    nearby.forEach(function (found) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = detail.replace("/00/", "/" + found.area.code + "/");
      var name = document.createElement("strong");
      name.textContent = found.area.name;
      link.append(name);
      var where = document.createElement("small");
      where.textContent = found.area.label;
      var far = document.createElement("span");
      far.className = "muted";
      far.textContent = " " + distanceText(found.distance_m);
      item.append(link, far, document.createElement("br"), where);
      list.append(item);
    });
    target.replaceChildren(title, list);
  }

  // The location button offers the nearest villages (3): the phone's position is rough and a
  // village's centre is not its border, so the citizen picks the right one.
  function initNearest(root) {
    each(root, "[data-nearest-village]", function (button) {
      var status = document.querySelector("[data-nearest-status]");
      button.addEventListener("click", function () {
        if (!navigator.geolocation) {
          status.textContent = "Perangkat ini tidak dapat membagikan lokasi.";
          return;
        }
        status.textContent = "Mencari lokasi…";
        navigator.geolocation.getCurrentPosition(function (pos) {
          // a form that keeps the position (the case form) gets it too
          var form = button.closest("form");
          var lat = form && form.querySelector('input[name="latitude"]');
          var lng = form && form.querySelector('input[name="longitude"]');
          if (lat && lng) {
            lat.value = String(pos.coords.latitude);
            lng.value = String(pos.coords.longitude);
            delete form.dataset.locatedVillages;
          }
          var url = button.dataset.api + "?lat=" + pos.coords.latitude + "&lng=" + pos.coords.longitude + "&count=3";
          fetch(url, { headers: { Accept: "application/json" } })
            .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
            .then(function (found) {
              var nearby = found.nearby && found.nearby.length ? found.nearby : [found];
              if (button.dataset.pick) {
                pickVillages(document.querySelector(button.dataset.pick), nearby);
                // the position belongs to these villages only (initPositionForm)
                if (form && lat) {
                  form.dataset.locatedVillages = nearby.map(function (n) { return n.area.code; }).join(" ");
                }
              } else {
                listVillages(document.querySelector(button.dataset.list), nearby, button.dataset.detail, button.dataset.heading || "");
              }
              status.textContent = button.dataset.found || "";
            })
            .catch(function () { status.textContent = "Desa terdekat tidak ditemukan. Silakan cari dengan nama."; });
        }, function () {
          status.textContent = "Lokasi tidak diizinkan. Silakan cari dengan nama.";
        }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 });
      });
    });
  }

  // The phone's position is kept only with the villages it was taken in (the nearest ones it
  // offered): picking another village clears it (a citizen at home reporting a spot elsewhere
  // must not send their home's position).
  function initPositionForm(root) {
    each(root, "[data-position-form]", function (form) {
      var recheck = function () {
        var lat = form.querySelector('input[name="latitude"]');
        var lng = form.querySelector('input[name="longitude"]');
        if (!lat || !lng || !lat.value) return;
        var chosen = form.querySelector('input[name="area"]:checked');
        var located = (form.dataset.locatedVillages || "").split(" ");
        if (chosen && located.indexOf(chosen.value) >= 0) return;
        lat.value = "";
        lng.value = "";
        delete form.dataset.locatedVillages;
        var status = form.querySelector("[data-nearest-status]");
        if (status) status.textContent = form.dataset.positionCleared || "";
      };
      form.addEventListener("change", function (event) {
        if (event.target && event.target.name === "area") recheck();
      });
      // a search that finds one village checks it without a "change"
      form.addEventListener("htmx:afterSwap", recheck);
    });
  }

  // Formset rows added on the phone: a copy of the empty form, numbered after the last one.
  function initAddRow(root) {
    each(root, "[data-add-row]", function (button) {
      var prefix = button.dataset.addRow;
      var total = document.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
      var max = document.querySelector('input[name="' + prefix + '-MAX_NUM_FORMS"]');
      var rows = document.querySelector('[data-rows="' + prefix + '"]');
      var empty = document.querySelector('template[data-empty="' + prefix + '"]');
      if (!total || !rows || !empty) return;
      button.addEventListener("click", function () {
        var index = parseInt(total.value, 10);
        if (max && index >= parseInt(max.value, 10)) return;
        var html = empty.innerHTML.replace(/__prefix__/g, String(index));
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var row = holder.firstElementChild;
        rows.appendChild(row);
        total.value = String(index + 1);
        var first = row.querySelector("textarea, input:not([type=hidden]), select");
        if (first) first.focus();
      });
    });
  }

  // A patrol check-in carries where the phone is: the form waits for the position, then goes.
  // Without one (refused, no GPS) it still goes, and the server flags the check-in.
  function initCheckIn(root) {
    each(root, "form[data-checkin]", function (form) {
      var status = form.querySelector("[data-checkin-status]");
      var located = false;
      form.addEventListener("submit", function (event) {
        if (located || !navigator.geolocation) return;
        event.preventDefault();
        if (status) status.textContent = "Mencari lokasi…";
        var send = function () { located = true; form.requestSubmit(); };
        navigator.geolocation.getCurrentPosition(function (pos) {
          form.querySelector('input[name="latitude"]').value = String(pos.coords.latitude);
          form.querySelector('input[name="longitude"]').value = String(pos.coords.longitude);
          form.querySelector('input[name="accuracy"]').value = String(Math.round(pos.coords.accuracy || 0));
          var taken = form.querySelector('input[name="taken_at"]');
          if (taken) taken.value = new Date(pos.timestamp || Date.now()).toISOString();
          send();
        }, send, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
      });
    });
  }

  // An aspiration's place: the phone's position, taken where the officer stands at that place.
  function initLocate(root) {
    each(root, "[data-locate]", function (button) {
      button.addEventListener("click", function () {
        var row = button.closest("[data-row]");
        var status = row.querySelector("[data-locate-status]");
        if (!navigator.geolocation) {
          status.textContent = "Perangkat ini tidak dapat membagikan lokasi.";
          return;
        }
        status.textContent = "Mencari lokasi…";
        navigator.geolocation.getCurrentPosition(function (pos) {
          var lat = row.querySelector('input[name$="-latitude"]');
          var lng = row.querySelector('input[name$="-longitude"]');
          lat.value = pos.coords.latitude.toFixed(6);
          lng.value = pos.coords.longitude.toFixed(6);
          lat.dispatchEvent(new Event("change", { bubbles: true }));
          status.textContent = "Lokasi tersimpan (" + lat.value + ", " + lng.value + ")";
        }, function () {
          status.textContent = "Lokasi tidak diizinkan. Tulis nama tempatnya saja.";
        }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
      });
    });
  }

  // The hotspots on the map; a leader drags one to where it really is (saved at once).
  function initHotspotMap(root) {
    if (typeof window.L === "undefined" || !window.SinergiMap) return;
    each(root, '[data-map-mode="hotspots"]', function (el) {
      var map = window.SinergiMap.create(el);
      var data = document.getElementById(el.dataset.points);
      var points = data ? JSON.parse(data.textContent || "[]") : [];
      var token = document.querySelector('input[name="csrfmiddlewaretoken"]');
      var bounds = [];
      points.forEach(function (p) {
        var marker = window.L.marker([p.lat, p.lng], { draggable: !!p.move, title: p.name, alt: p.name })
          .bindTooltip(p.name + " (" + p.requests + ")").addTo(map);
        bounds.push([p.lat, p.lng]);
        if (!p.move) return;
        marker.on("dragend", function () {
          var at = marker.getLatLng();
          var body = new FormData();
          body.append("latitude", at.lat.toFixed(6));
          body.append("longitude", at.lng.toFixed(6));
          if (token) body.append("csrfmiddlewaretoken", token.value);
          fetch(p.move, { method: "POST", body: body, credentials: "same-origin" })
            .then(function () { window.location.reload(); });
        });
      });
      if (bounds.length > 1) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 16 });
      el.dataset.markers = String(points.length);
    });
  }

  // An aspiration's point picked on the map (opened on demand: Leaflet needs a visible box).
  function initPickMap(root) {
    each(root, "[data-pick-map]", function (el) {
      var details = el.closest("details");
      var start = function () {
        if (el.dataset.started || !window.SinergiMap) return;
        el.dataset.started = "1";
        var row = el.closest("[data-row]");
        var lat = row.querySelector('input[name$="-latitude"]');
        var lng = row.querySelector('input[name$="-longitude"]');
        var status = row.querySelector("[data-locate-status]");
        var map = window.SinergiMap.create(el);
        var marker = null;
        var put = function (at) {
          if (marker) marker.setLatLng(at);
          else marker = window.L.marker(at, { alt: "" }).addTo(map);
        };
        if (lat.value && lng.value) put([parseFloat(lat.value), parseFloat(lng.value)]);
        map.on("click", function (event) {
          put(event.latlng);
          lat.value = event.latlng.lat.toFixed(6);
          lng.value = event.latlng.lng.toFixed(6);
          lat.dispatchEvent(new Event("change", { bubbles: true }));
          if (status) status.textContent = "Lokasi tersimpan (" + lat.value + ", " + lng.value + ")";
        });
      };
      if (details) details.addEventListener("toggle", function () { if (details.open) start(); });
      else start();
    });
  }

  // A form sent back with errors opens on its list of them (the page would start at the top,
  // the first error a screen or more below): the list is focused and read out; each names its
  // field with a link to it.
  function initErrorSummary(root) {
    var summary = root.querySelector ? root.querySelector("[data-error-summary]") : null;
    if (!summary) return;
    summary.setAttribute("role", "alert");
    summary.focus();
    summary.scrollIntoView({ block: "start" });
  }

  // A choice that decides which fields matter (the recap's week, month or range) shows only
  // those: each [data-when="a b"] of its form shows while the select's value is a or b.
  // Without the script every field shows and the server takes the ones the choice names.
  function initShows(root) {
    each(root, "select[data-shows]", function (select) {
      var update = function () {
        select.form.querySelectorAll("[data-when]").forEach(function (group) {
          group.hidden = group.dataset.when.split(" ").indexOf(select.value) < 0;
        });
      };
      select.addEventListener("change", update);
      update();
    });
  }

  function init(root) {
    initErrorSummary(root);
    initShows(root);
    initPickMap(root);
    initHotspotMap(root);
    initLocate(root);
    initMaps(root);
    initCheckIn(root);
    initNearest(root);
    initPositionForm(root);
    initAddRow(root);
  }

  window.Sinergi = { init: init };
  document.addEventListener("DOMContentLoaded", function () { init(document); });
})();
