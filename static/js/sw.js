// Sinergi's service worker: the officer's app keeps working without a signal.
//
// Served by sinergi/home/pwa.py at /sw.js, which puts `self.SINERGI` (version, the static files to
// keep, the offline page) in front of this file. What it does:
// - static files: from the phone first (their names change with their content in production);
// - pages: from the network, but when the signal is weak (no answer within NETWORK_WAIT_MS) or
//   gone, the copy kept on the phone; a page never kept gets the offline page, never the
//   browser's own error page;
// - the pages the landing page lists (today's route, the report forms, the partner list …) are
//   fetched ahead when the page asks ("warm"), so they are there in the village;
// - on sign-out the page asks it to forget every kept page ("forget").
// Form posts are not touched here: the page keeps them in its outbox (static/js/outbox.js).
/* global self, caches, fetch, URL, Response */
"use strict";

var CONFIG = self.SINERGI;
var STATIC_CACHE = "sinergi-static-" + CONFIG.version;
var PAGES_CACHE = "sinergi-pages";
var NETWORK_WAIT_MS = 6000;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(STATIC_CACHE).then(function (cache) {
      return cache.addAll(CONFIG.precache);
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("sinergi-static-") === 0 && name !== STATIC_CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function isPage(request) {
  return request.mode === "navigate" ||
    (request.headers.get("Accept") || "").indexOf("text/html") !== -1;
}

// A page worth keeping: a real answer for this person, not the sign-in form it was sent to.
function keepable(response) {
  if (!response || response.status !== 200 || response.type !== "basic") return false;
  var path = new URL(response.url).pathname;
  return path.indexOf(CONFIG.login) !== 0;
}

// Officers' pages and the public territory pages are kept; a case page showing its reporter
// (?pelapor=1) never is: each view of a reporter's identity is recorded, so it comes from the
// server every time.
function worthKeeping(url) {
  if (url.search.indexOf("pelapor=") !== -1) return false;
  return url.pathname.indexOf("/petugas/") === 0 || url.pathname.indexOf("/wilayah/") === 0;
}

function fromCache(request) {
  return caches.match(request, { ignoreVary: true }).then(function (hit) {
    if (hit) return hit;
    return caches.match(CONFIG.offline).then(function (offline) {
      return offline || new Response("offline", { status: 503, headers: { "Content-Type": "text/plain" } });
    });
  });
}

function page(event) {
  var request = event.request;
  var network = fetch(request).then(function (response) {
    if (keepable(response) && !response.redirected && worthKeeping(new URL(request.url))) {
      var copy = response.clone();
      event.waitUntil(caches.open(PAGES_CACHE).then(function (cache) { return cache.put(request, copy); }));
    }
    return response;
  });
  // whichever comes first: the network's answer, or the kept copy once the wait is over
  var waited = new Promise(function (resolve) {
    setTimeout(function () {
      caches.match(request, { ignoreVary: true }).then(function (hit) { if (hit) resolve(hit); });
    }, NETWORK_WAIT_MS);
  });
  var answer = Promise.race([network, waited]).catch(function () { return fromCache(request); });
  event.waitUntil(network.catch(function () { return null; }));
  return answer;
}

function asset(request) {
  return caches.match(request).then(function (hit) {
    if (hit) return hit;
    return fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(STATIC_CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    });
  });
}

// Data the maps and forms read (base map, areas): the network when it answers, else the copy.
function data(request) {
  return fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(PAGES_CACHE).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(request).then(function (hit) {
      return hit || new Response("{}", { status: 503, headers: { "Content-Type": "application/json" } });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/media/") === 0 || url.pathname.indexOf("/kelola/") === 0) return;
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(asset(request));
  } else if (isPage(request)) {
    event.respondWith(page(event));
  } else if (/\.geojson$/.test(url.pathname) || url.pathname.indexOf("/api/v1/areas") === 0) {
    event.respondWith(data(request));
  }
});

// One page after the other: on a weak link, parallel fetches only slow each other down.
function warm(urls) {
  return caches.open(PAGES_CACHE).then(function (cache) {
    return urls.reduce(function (chain, url) {
      return chain.then(function () {
        return fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
          .then(function (response) {
            if (keepable(response) && !response.redirected) return cache.put(url, response);
            return null;
          })
          .catch(function () { return null; });
      });
    }, Promise.resolve());
  });
}

self.addEventListener("message", function (event) {
  var message = event.data || {};
  if (message.type === "warm" && Array.isArray(message.urls)) {
    event.waitUntil(warm(message.urls.slice(0, 60)).then(function () {
      if (event.source) event.source.postMessage({ type: "warmed", count: message.urls.length });
    }));
  } else if (message.type === "forget") {
    event.waitUntil(caches.delete(PAGES_CACHE));
  }
});

// The page's outbox registers a sync when something waits for a signal: wake any open page
// of ours to send it (the page holds the sign-in and the form's token).
self.addEventListener("sync", function (event) {
  if (event.tag !== "sinergi-outbox") return;
  event.waitUntil(self.clients.matchAll({ type: "window" }).then(function (clients) {
    clients.forEach(function (client) { client.postMessage({ type: "flush" }); });
  }));
});
