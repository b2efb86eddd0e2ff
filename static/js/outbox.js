// The officer's phone on a weak signal: drafts, the outbox, the service worker.
//
// - A form marked `data-draft` is kept on the phone (IndexedDB) as it is typed, photos included;
//   the draft comes back after the browser or the phone was closed, and after a form error.
// - A form marked `data-offline="<what it is>"` is not posted by the browser: its entries (photos
//   included) go into the outbox first, each with an idempotency key, and are sent from there.
//   Without a signal they wait ("menunggu sinyal") and go when the connection returns (the
//   `online` event, a timer, the service worker's sync); the server's answer to each is shown
//   ("terkirim" with the server's own message). A retry carries the same key, so the server
//   keeps one record however often it arrives.
// - A form error answered while the officer waits replaces the form but keeps the chosen photos.
// Texts come from the page (data-* attributes of #outbox), so they are translated server-side.
(function () {
  "use strict";

  var DB_NAME = "sinergi";
  var DB_VERSION = 1;
  var RETRY_MS = 20000;
  var WARM_AFTER_MS = 2000;
  var DONE_KEEP_MS = 24 * 3600 * 1000;
  var body = document.body;
  var user = (body && body.dataset.user) || "";
  var panel = null;
  var dbPromise = null;

  function text(name, fallback) {
    return (panel && panel.dataset[name]) || fallback;
  }

  // IndexedDB, promised

  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var open = indexedDB.open(DB_NAME, DB_VERSION);
        open.onupgradeneeded = function () {
          var d = open.result;
          if (!d.objectStoreNames.contains("drafts")) d.createObjectStore("drafts", { keyPath: "id" });
          if (!d.objectStoreNames.contains("outbox")) d.createObjectStore("outbox", { keyPath: "key" });
        };
        open.onsuccess = function () { resolve(open.result); };
        open.onerror = function () { reject(open.error); };
      });
    }
    return dbPromise;
  }

  function store(name, mode, work) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var tx = d.transaction(name, mode);
        var request = work(tx.objectStore(name));
        tx.oncomplete = function () { resolve(request ? request.result : undefined); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error); };
      });
    });
  }

  function get(name, key) { return store(name, "readonly", function (s) { return s.get(key); }); }
  function put(name, value) { return store(name, "readwrite", function (s) { return s.put(value); }); }
  function remove(name, key) { return store(name, "readwrite", function (s) { return s.delete(key); }); }
  function all(name) { return store(name, "readonly", function (s) { return s.getAll(); }); }

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID().replace(/-/g, "");
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = document.querySelector('input[name="csrfmiddlewaretoken"]');
    return input ? input.value : "";
  }

  // "14.05" today; "6/12 14.05" on another day: a report can wait for a signal for days
  function clock(ms) {
    var d = new Date(ms);
    var time = ("0" + d.getHours()).slice(-2) + "." + ("0" + d.getMinutes()).slice(-2);
    if (d.toDateString() === new Date().toDateString()) return time;
    return d.getDate() + "/" + (d.getMonth() + 1) + " " + time;
  }

  // Forms as lists of [name, value]; a photo is kept as the File itself (IndexedDB stores it)

  function entriesOf(form, submitter) {
    var data = submitter ? new FormData(form, submitter) : new FormData(form);
    var out = [];
    data.forEach(function (value, name) {
      if (value instanceof File && !value.name && !value.size) return; // an empty file input
      out.push([name, value]);
    });
    return out;
  }

  function keyInput(form) {
    return form.querySelector('input[name="idempotency_key"], input[name="client_key"]');
  }

  function draftId(form) {
    var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-draft]"));
    return user + " " + location.pathname + " " + forms.indexOf(form);
  }

  function restore(form, saved) {
    var values = {};
    saved.forEach(function (pair) { (values[pair[0]] = values[pair[0]] || []).push(pair[1]); });
    // rows added on the phone first, so their fields exist
    form.querySelectorAll("[data-add-row]").forEach(function (button) {
      var prefix = button.dataset.addRow;
      var total = form.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
      var wanted = parseInt((values[prefix + "-TOTAL_FORMS"] || ["0"])[0], 10);
      for (var guard = 0; total && parseInt(total.value, 10) < wanted && guard < 60; guard++) button.click();
    });
    var seen = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      var name = el.name;
      if (!name || name === "csrfmiddlewaretoken" || !(name in values)) return;
      if (/-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/.test(name)) return;
      var given = values[name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = given.indexOf(el.value) !== -1;
      } else if (el.type === "file") {
        var files = new DataTransfer();
        given.forEach(function (v) { if (v instanceof File) files.items.add(v); });
        el.files = files.files;
        el.dispatchEvent(new Event("change", { bubbles: true }));
      } else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = given.indexOf(o.value) !== -1; });
      } else if (el.type !== "submit" && el.type !== "button") {
        var i = seen[name] || 0;
        if (i < given.length && typeof given[i] === "string") el.value = given[i];
        seen[name] = i + 1;
      }
    });
  }

  // Drafts

  function saveDraft(form) {
    if (!form.hasAttribute("data-draft")) return Promise.resolve();
    return put("drafts", { id: draftId(form), saved: Date.now(), entries: entriesOf(form) })
      .catch(function () { return null; });
  }

  function dropDraft(id) { return remove("drafts", id).catch(function () { return null; }); }

  function keepDrafting(form) {
    var timer = null;
    // Not once it is being sent: the page leaving after a good send turns it hidden, and a
    // save then would bring the sent report back as a draft.
    var save = function () {
      if (form.isConnected && !form.dataset.sending) saveDraft(form);
    };
    var later = function () {
      clearTimeout(timer);
      timer = setTimeout(save, 300);
    };
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") save();
    });
  }

  function initDraft(form) {
    keepDrafting(form);
    return get("drafts", draftId(form)).then(function (draft) {
      if (!draft || !draft.entries || !draft.entries.length) return false;
      restore(form, draft.entries);
      var note = document.createElement("p");
      note.className = "notice draft-note";
      note.setAttribute("role", "status");
      note.textContent = text("draftRestored", "Draf dipulihkan dari ponsel") + " (" + clock(draft.saved) + "). ";
      var discard = document.createElement("button");
      discard.type = "button";
      discard.className = "link";
      discard.textContent = text("draftDiscard", "Buang draf");
      discard.addEventListener("click", function () {
        dropDraft(draftId(form)).then(function () { location.reload(); });
      });
      note.append(discard);
      form.prepend(note);
      return true;
    }).catch(function () { return false; });
  }

  // Sending

  function parse(html) {
    var messages = [];
    var list = html.match(/<ul class="messages">([\s\S]*?)<\/ul>/);
    if (list) {
      var re = /<li class="msg-(\w+)">([\s\S]*?)<\/li>/g;
      var m;
      while ((m = re.exec(list[1]))) messages.push({ level: m[1], text: unescape(m[2]) });
    }
    var alert = html.match(/role="alert">([\s\S]*?)</);
    return { messages: messages, alert: alert ? unescape(alert[1]) : "" };
  }

  function unescape(s) {
    var el = document.createElement("textarea");
    el.innerHTML = s.replace(/<[^>]*>/g, "");
    return el.value.trim();
  }

  // → {kind: done | invalid | refused | signin | later | offline, message, url, html}
  function send(item) {
    var data = new FormData();
    var token = csrfToken();
    item.entries.forEach(function (pair) {
      var name = pair[0], value = pair[1];
      if (name === "csrfmiddlewaretoken") value = token || value;
      if (value instanceof Blob) data.append(name, value, value.name || "foto.jpg");
      else data.append(name, value);
    });
    return fetch(item.url, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Sinergi-Outbox": item.key },
    }).then(function (response) {
      return response.text().then(function (html) { return classify(response, html); });
    }, function () { return { kind: "offline" }; });
  }

  function classify(response, html) {
    var found = parse(html);
    var path = new URL(response.url, location.href).pathname;
    if (response.status === 400) return { kind: "invalid", message: found.alert, html: html };
    if (response.status === 403 && /csrf/i.test(html)) return { kind: "signin" };
    if (response.status === 403 || response.status === 404) {
      return { kind: "refused", message: text("refused", "Ditolak server") + " (" + response.status + ")" };
    }
    if (response.status >= 500 || response.status === 429) return { kind: "later" };
    if (response.redirected && path.indexOf("/masuk/") === 0) return { kind: "signin" };
    var error = found.messages.filter(function (m) { return m.level === "error"; })[0];
    if (error) return { kind: "refused", message: error.text };
    var said = found.messages[0];
    return { kind: "done", message: said ? said.text : "", url: response.url };
  }

  var flushing = false;

  function flush() {
    if (flushing || !user) return Promise.resolve();
    flushing = true;
    var run = function () {
      return all("outbox").then(function (items) {
        var due = items.filter(function (i) { return i.user === user && i.state === "waiting"; })
          .sort(function (a, b) { return a.created - b.created; });
        return due.reduce(function (chain, item) {
          return chain.then(function (stop) {
            if (stop) return true;
            return send(item).then(function (result) { return settle(item, result); });
          });
        }, Promise.resolve(false));
      });
    };
    var locked = navigator.locks ? navigator.locks.request("sinergi-outbox", run) : run();
    return locked.catch(function () { return null; }).then(function () {
      flushing = false;
      return render();
    });
  }

  // Records what became of a sent item; true stops the round (no signal: try later).
  function settle(item, result) {
    if (result.kind === "offline" || result.kind === "later") {
      item.tries = (item.tries || 0) + 1;
      return put("outbox", item).then(function () { return true; });
    }
    if (result.kind === "signin") {
      item.message = text("signin", "Masuk lagi untuk mengirim.");
      return put("outbox", item).then(function () { return true; });
    }
    item.state = result.kind === "done" ? "done" : "failed";
    item.message = result.message || "";
    item.sent = Date.now();
    if (result.kind === "done") {
      item.entries = []; // the photos have arrived: free the phone's space
      item.result = result.url || "";
    }
    return put("outbox", item).then(function () {
      if (result.kind === "done" && item.draft) dropDraft(item.draft);
      if (result.kind === "done") unsayWaiting();
      if (result.kind === "done") markOnce();
      toast(item);
      return false;
    });
  }

  // A form that reports one thing once (a planned activity's report, `data-offline-once`) is not
  // offered again while its report waits on the phone or after it was sent: the page, kept by
  // the service worker from before, would show it blank. A refused report brings it back.
  function markOnce() {
    var forms = document.querySelectorAll("form[data-offline-once]");
    if (!forms.length) return Promise.resolve(null);
    return all("outbox").then(function (items) {
      forms.forEach(function (form) {
        var last = items.filter(function (i) {
          return i.user === user && i.url === form.action && (i.state === "waiting" || i.state === "done");
        }).sort(function (a, b) { return b.created - a.created; })[0];
        if (!last) return;
        var note = form.previousElementSibling;
        if (!note || !note.hasAttribute("data-once-note")) {
          note = document.createElement("p");
          note.className = "notice";
          note.setAttribute("role", "status");
          note.setAttribute("data-once-note", "");
          form.before(note);
        }
        note.textContent = last.state === "done" ? form.dataset.offlineSent : form.dataset.offlineOnce;
        form.hidden = true;
      });
      return null;
    }).catch(function () { return null; });
  }

  // Sent: the page no longer says it is kept on the phone (the panel says it was sent).
  function unsayWaiting() {
    var queued = text("queued", "Tersimpan di ponsel. Dikirim otomatis saat ada sinyal.");
    document.querySelectorAll("main .messages li").forEach(function (li) {
      if (li.textContent.trim() === queued) li.remove();
    });
    document.querySelectorAll("main .messages").forEach(function (list) {
      if (!list.children.length) list.remove();
    });
  }

  // The panel: what waits, what was sent

  function toast(item) {
    if (!panel) return;
    var live = panel.querySelector("[data-outbox-toast]");
    if (!live) return;
    var word = item.state === "done" ? text("done", "Terkirim") : text("failed", "Ditolak: perlu diperbaiki");
    live.textContent = word + ": " + item.label + (item.message ? " — " + item.message : "");
  }

  function render() {
    if (!panel) return Promise.resolve();
    return all("outbox").then(function (items) {
      var now = Date.now();
      var mine = items.filter(function (i) { return i.user === user; });
      mine.filter(function (i) { return i.state === "done" && now - i.sent > DONE_KEEP_MS; })
        .forEach(function (i) { remove("outbox", i.key); });
      mine = mine.filter(function (i) { return !(i.state === "done" && now - i.sent > DONE_KEEP_MS); })
        .sort(function (a, b) { return b.created - a.created; });
      var waiting = mine.filter(function (i) { return i.state === "waiting"; });
      var list = panel.querySelector("[data-outbox-list]");
      list.replaceChildren();
      mine.slice(0, 20).forEach(function (item) {
        var li = document.createElement("li");
        li.dataset.state = item.state;
        var what = document.createElement("strong");
        what.textContent = item.label;
        var state = document.createElement("span");
        state.className = "status status-" + item.state;
        state.textContent = item.state === "waiting" ? text("waiting", "Menunggu sinyal")
          : item.state === "done" ? text("done", "Terkirim") : text("failed", "Ditolak: perlu diperbaiki");
        li.append(what, " ", state, " ", document.createTextNode(clock(item.created)));
        if (item.message) {
          var said = document.createElement("small");
          said.textContent = item.message;
          li.append(document.createElement("br"), said);
        }
        if (item.state === "failed" && item.entries && item.entries.length) {
          var fix = document.createElement("button");
          fix.type = "button";
          fix.className = "secondary small";
          fix.textContent = text("fix", "Perbaiki");
          fix.addEventListener("click", function () { reopen(item); });
          li.append(" ", fix);
        } else if (item.state === "done" && item.result) {
          var open = document.createElement("a");
          open.href = item.result;
          open.textContent = text("open", "Lihat");
          li.append(" ", open);
        }
        list.append(li);
      });
      panel.hidden = mine.length === 0;
      panel.querySelector("[data-outbox-count]").textContent = String(waiting.length);
      panel.classList.toggle("has-waiting", waiting.length > 0);
      markForms(waiting);
      if (waiting.length && navigator.serviceWorker && navigator.serviceWorker.ready) {
        navigator.serviceWorker.ready.then(function (reg) {
          if (reg.sync) reg.sync.register("sinergi-outbox").catch(function () { return null; });
        });
      }
    }).catch(function () { return null; });
  }

  // A check-in already waiting in the outbox is shown at its stop.
  function markForms(waiting) {
    document.querySelectorAll("form[data-offline]").forEach(function (form) {
      var pending = waiting.some(function (i) { return i.url === form.action; });
      var mark = form.querySelector(".waiting-mark");
      if (pending && !mark && !form.hasAttribute("data-draft")) {
        mark = document.createElement("p");
        mark.className = "waiting-mark notice";
        mark.textContent = text("waiting", "Menunggu sinyal");
        form.prepend(mark);
      } else if (!pending && mark) {
        mark.remove();
      }
    });
  }

  // A report the server refused for a fixable reason goes back into its form as a draft.
  // A form without a draft of its own (a case's reply) gets back what was sent, once.
  function reopenId(action) {
    return "reopen " + user + " " + new URL(action, location.href).href;
  }

  function reopen(item) {
    var back = item.back || item.url;
    var id = item.draft || reopenId(item.url);
    put("drafts", { id: id, saved: item.created, entries: item.entries, message: item.message || "" })
      .then(function () { return remove("outbox", item.key); })
      .then(function () { location.assign(back); });
  }

  // A form error while the officer waits: the server's form, with the photos still chosen.
  function showInvalid(form, html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-offline]"));
    var fresh = doc.querySelectorAll("form[data-offline]")[forms.indexOf(form)];
    if (!fresh) return false;
    var imported = document.importNode(fresh, true);
    form.querySelectorAll('input[type="file"]').forEach(function (input) {
      var twin = imported.querySelector('input[type="file"][name="' + input.name + '"]');
      if (twin) twin.replaceWith(input);
    });
    form.replaceWith(imported);
    var messages = doc.querySelector("main .messages");
    var current = document.querySelector("main .messages");
    if (current) current.remove();
    if (messages) document.querySelector("main").prepend(document.importNode(messages, true));
    if (window.Sinergi && window.Sinergi.init) window.Sinergi.init(imported);
    if (window.htmx) window.htmx.process(imported);
    initForm(imported, true);
    saveDraft(imported);
    var first = imported.querySelector(".error, .has-error");
    if (first) first.scrollIntoView({ block: "center" });
    return true;
  }

  function flash(message) {
    try { sessionStorage.setItem("sinergi-flash", message); } catch (e) { /* private mode */ }
  }

  function showFlash() {
    var message = null;
    try {
      message = sessionStorage.getItem("sinergi-flash");
      sessionStorage.removeItem("sinergi-flash");
    } catch (e) { return; }
    if (!message) return;
    var main = document.querySelector("main");
    var list = main.querySelector(".messages");
    if (!list) {
      list = document.createElement("ul");
      list.className = "messages";
      main.prepend(list);
    }
    var li = document.createElement("li");
    li.className = "msg-success";
    li.setAttribute("role", "status");
    li.textContent = message;
    list.append(li);
    // the officer sent from far down a long form: the answer is where their eyes go
    window.scrollTo(0, 0);
    list.scrollIntoView({ block: "start" });
  }

  // What the server would refuse at once, seen on the phone before a report is kept without a
  // signal (an officer must not find hours later that it waited only to fail): fields marked
  // `required`, and a village picker marked `data-pick-required` with nothing chosen. With a
  // signal the server's own messages answer, as always.
  function missing(form) {
    var names = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.willValidate || el.validity.valid) return;
      var label = el.labels && el.labels[0];
      names.push({ el: el, name: label ? label.textContent.trim() : el.name });
    });
    form.querySelectorAll("fieldset[data-pick-required]").forEach(function (set) {
      if (set.querySelector('input[name="area"]:checked')) return;
      var legend = set.querySelector("legend");
      names.push({ el: set.querySelector("input"), name: legend ? legend.textContent.trim() : "" });
    });
    return names;
  }

  function submitted(form, event) {
    if (event.defaultPrevented) return; // another step goes first (the check-in's position)
    event.preventDefault();
    if (form.dataset.sending) return; // a double tap
    form.dataset.sending = "1";
    var key = keyInput(form);
    var entries = entriesOf(form, event.submitter);
    var keyValue = key ? key.value : newKey();
    if (!key) entries.push(["client_key", keyValue]);
    var taken = form.querySelector('input[name="taken_at"]');
    if (taken && !taken.value) {
      taken.value = new Date().toISOString();
      entries.push(["taken_at", taken.value]);
    }
    var item = {
      key: keyValue, user: user, url: form.action || location.href,
      label: form.dataset.offline || document.title, entries: entries, created: Date.now(),
      state: "waiting", back: location.pathname + location.search,
      draft: form.hasAttribute("data-draft") ? draftId(form) : "",
    };
    var button = event.submitter || form.querySelector('[type="submit"]');
    if (button) button.disabled = true;
    var status = form.querySelector("[data-send-status]");
    if (status) status.textContent = text("sending", "Mengirim…");
    put("outbox", item).then(function () {
      return send(item);
    }, function () {
      // the phone cannot keep it (storage full, private mode): post it the ordinary way
      form.submit();
      return { kind: "posted" };
    }).then(function (result) {
      if (result.kind === "posted") return null;
      if (result.kind === "done") {
        return remove("outbox", item.key).then(function () {
          if (item.draft) return dropDraft(item.draft);
          return null;
        }).then(function () {
          if (result.message) flash(result.message);
          location.assign(result.url || location.href);
        });
      }
      if (result.kind === "invalid") {
        return remove("outbox", item.key).then(function () {
          if (!showInvalid(form, result.html)) reopen(item);
        });
      }
      if (result.kind === "refused") {
        item.state = "failed";
        item.message = result.message;
        return put("outbox", item).then(function () {
          delete form.dataset.sending;
          if (button) button.disabled = false;
          if (status) status.textContent = result.message;
          else refusedAt(form, result.message);
          return render();
        });
      }
      // no signal (or the server busy, or the session gone): it waits on the phone, if complete
      var gaps = missing(form);
      if (gaps.length) {
        return remove("outbox", item.key).then(function () {
          delete form.dataset.sending;
          if (button) button.disabled = false;
          var said = text("incomplete", "Belum tersimpan: lengkapi dulu") + ": " +
            gaps.map(function (g) { return g.name; }).join(", ") + ".";
          if (status) status.textContent = said;
          else flash(said);
          form.querySelectorAll("[data-gap-note]").forEach(function (n) { n.remove(); });
          gaps.forEach(function (g) {
            var box = g.el && g.el.closest(".field");
            if (!box) return;
            box.classList.add("has-error"); // marked as the server marks a refused field
            var note = document.createElement("p");
            note.className = "error";
            note.dataset.gapNote = "1";
            note.textContent = said; // where the focus goes, not only under the button
            box.append(note);
          });
          if (gaps[0].el) gaps[0].el.focus();
        });
      }
      if (result.kind === "signin") item.message = text("signin", "Masuk lagi untuk mengirim.");
      return put("outbox", item).then(function () {
        return item.draft ? dropDraft(item.draft) : null;
      }).then(function () {
        flash(text("queued", "Tersimpan di ponsel. Dikirim otomatis saat ada sinyal."));
        if ("scrollRestoration" in history) history.scrollRestoration = "manual";
        location.reload();
      });
    }).catch(function () {
      delete form.dataset.sending;
      if (button) button.disabled = false;
    });
  }

  // The server's refusal where the officer is looking: on the form, which keeps the text.
  function refusedAt(form, message) {
    form.querySelectorAll("[data-refused-note]").forEach(function (n) { n.remove(); });
    var note = document.createElement("p");
    note.className = "error";
    note.dataset.refusedNote = "1";
    note.setAttribute("role", "alert");
    note.textContent = message;
    form.prepend(note);
  }

  function initReopened(form) {
    var id = reopenId(form.action || location.href);
    return get("drafts", id).then(function (kept) {
      if (!kept || !kept.entries || !kept.entries.length) return;
      restore(form, kept.entries);
      var note = document.createElement("p");
      note.className = "notice draft-note";
      note.setAttribute("role", "status");
      note.textContent = text("reopened", "Dikembalikan dari ponsel: perbaiki, lalu kirim lagi.");
      form.prepend(note);
      // and why the server refused it, where the text is fixed
      if (kept.message) refusedAt(form, kept.message);
      var first = form.querySelector("textarea, input:not([type=hidden])");
      if (first) first.focus();
      return dropDraft(id);
    }).catch(function () { return null; });
  }

  function initForm(form, keepKey) {
    if (form.dataset.offlineReady) return;
    form.dataset.offlineReady = "1";
    var key = keyInput(form);
    // A page kept on the phone carries the key it was served with: every report made from it
    // needs its own (a draft brings back its own key below).
    if (key && !keepKey) key.value = newKey();
    if (form.hasAttribute("data-offline")) {
      form.addEventListener("submit", function (event) { submitted(form, event); });
    }
    if (form.hasAttribute("data-draft")) {
      if (keepKey) keepDrafting(form);
      else initDraft(form);
    } else if (form.hasAttribute("data-offline") && !keepKey) {
      initReopened(form);
    }
  }

  function initWorker() {
    if (!("serviceWorker" in navigator) || !body.dataset.worker) return;
    navigator.serviceWorker.register(body.dataset.worker, { scope: "/" }).catch(function () { return null; });
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "flush") flush();
    });
    // a different person on this phone: forget the pages kept for the one before
    var was = null;
    try { was = localStorage.getItem("sinergi-user"); localStorage.setItem("sinergi-user", user); } catch (e) { /* */ }
    if (was !== null && was !== user) forget();
    // The landing page lists what the phone keeps for the day; it is fetched once the officer
    // stays on the page a moment (a tap straight through costs the weak link nothing)
    var warm = document.getElementById("offline-pages");
    if (warm && navigator.onLine) {
      var urls = JSON.parse(warm.textContent || "[]");
      setTimeout(function () {
        navigator.serviceWorker.ready.then(function (reg) {
          if (reg.active && document.visibilityState === "visible") {
            reg.active.postMessage({ type: "warm", urls: urls });
          }
        });
      }, WARM_AFTER_MS);
    }
  }

  function forget() {
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "forget" });
    }
    if (window.caches) window.caches.delete("sinergi-pages");
  }

  function initSignOut() {
    document.querySelectorAll('form[action$="/keluar/"]').forEach(function (form) {
      form.addEventListener("submit", function (event) {
        all("outbox").then(function (items) {
          return items.filter(function (i) { return i.user === user && i.state === "waiting"; }).length;
        }).catch(function () { return 0; }).then(function (waiting) {
          if (waiting && !window.confirm(text("signoutWaiting", "Masih ada kiriman yang menunggu sinyal. Kiriman tetap tersimpan dan dikirim saat Anda masuk lagi. Keluar?"))) return;
          forget();
          try { localStorage.removeItem("sinergi-user"); } catch (e) { /* */ }
          form.submit();
        });
        event.preventDefault();
      });
    });
  }

  function init() {
    panel = document.getElementById("outbox");
    showFlash();
    if (!window.indexedDB || !user) return;
    document.querySelectorAll("form[data-offline], form[data-draft]").forEach(function (form) { initForm(form, false); });
    var sendNow = panel && panel.querySelector("[data-outbox-send]");
    if (sendNow) sendNow.addEventListener("click", function () { flush(); });
    initWorker();
    initSignOut();
    window.addEventListener("online", function () { flush(); });
    setInterval(function () { if (navigator.onLine) flush(); }, RETRY_MS);
    markOnce();
    render().then(function () { if (navigator.onLine) flush(); });
  }

  window.SinergiOutbox = { flush: flush, render: render };
  // after sinergi.js's own start (also at DOMContentLoaded): a check-in first takes its position
  if (document.readyState === "complete") init();
  else document.addEventListener("DOMContentLoaded", init);
})();
