// Sinergi's own script: small, no build step, nothing inline (the CSP forbids inline scripts).
(function () {
  "use strict";

  function initMaps() {
    if (typeof window.L === "undefined") return;
    document.querySelectorAll("[data-map]").forEach(function (el) {
      var lat = parseFloat(el.dataset.lat), lng = parseFloat(el.dataset.lng);
      if (isNaN(lat) || isNaN(lng)) return;
      var map = window.L.map(el, { attributionControl: false }).setView([lat, lng], parseInt(el.dataset.zoom || "10", 10));
      // Tiles come from a server the operator configures (MAP_TILE_URL); without one the map
      // still shows the area and its children as points, so it works in a closed network.
      if (el.dataset.tiles) {
        window.L.tileLayer(el.dataset.tiles, { maxZoom: 18 }).addTo(map);
      }
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

  // Puts the nearest village into the case form's picker as the chosen radio button.
  function pickVillage(target, area) {
    var list = document.createElement("ul");
    list.className = "pick";
    var item = document.createElement("li");
    var label = document.createElement("label");
    label.className = "check";
    var radio = document.createElement("input");
    radio.type = "radio";
    radio.name = "area";
    radio.value = area.code;
    radio.checked = true;
    var name = document.createElement("strong");
    name.textContent = " " + area.name + " ";
    var where = document.createElement("small");
    where.className = "muted";
    where.textContent = area.label;
    label.append(radio, name, where);
    item.append(label);
    list.append(item);
    target.replaceChildren(list);
  }

  function initNearest() {
    document.querySelectorAll("[data-nearest-village]").forEach(function (button) {
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
            delete form.dataset.locatedVillage;
          }
          var url = button.dataset.api + "?lat=" + pos.coords.latitude + "&lng=" + pos.coords.longitude;
          fetch(url, { headers: { Accept: "application/json" } })
            .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
            .then(function (found) {
              if (button.dataset.pick) {
                pickVillage(document.querySelector(button.dataset.pick), found.area);
                // the position belongs to this village only (initPositionForm)
                if (form && lat) form.dataset.locatedVillage = found.area.code;
                status.textContent = "";
              } else {
                window.location.href = button.dataset.detail.replace("/00/", "/" + found.area.code + "/");
              }
            })
            .catch(function () { status.textContent = "Desa terdekat tidak ditemukan. Silakan cari dengan nama."; });
        }, function () {
          status.textContent = "Lokasi tidak diizinkan. Silakan cari dengan nama.";
        }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 });
      });
    });
  }

  // The phone's position is kept only with the village it was taken in: picking another village
  // clears it (a citizen at home reporting a spot elsewhere must not send their home's position).
  function initPositionForm() {
    document.querySelectorAll("[data-position-form]").forEach(function (form) {
      var recheck = function () {
        var lat = form.querySelector('input[name="latitude"]');
        var lng = form.querySelector('input[name="longitude"]');
        if (!lat || !lng || !lat.value) return;
        var chosen = form.querySelector('input[name="area"]:checked');
        if (chosen && form.dataset.locatedVillage === chosen.value) return;
        lat.value = "";
        lng.value = "";
        delete form.dataset.locatedVillage;
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
  function initAddRow() {
    document.querySelectorAll("[data-add-row]").forEach(function (button) {
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
  function initCheckIn() {
    document.querySelectorAll("form[data-checkin]").forEach(function (form) {
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
          send();
        }, send, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initMaps();
    initCheckIn();
    initNearest();
    initPositionForm();
    initAddRow();
  });
})();
