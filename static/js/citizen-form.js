// The public report form on a cheap phone with a weak signal: nothing typed is lost, a photo
// is checked (and made smaller) before it is sent, and the fields a kind of report needs show
// with that kind. No inline script (CSP); the page works without this file too.
(function () {
  "use strict";

  var STORE = "sinergi:form:";

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.type !== "file" && el.type !== "hidden" && el.type !== "submit" &&
        el.name !== "csrfmiddlewaretoken";
    });
  }

  // What was typed is kept in this tab until the report is filed: after a refused upload
  // (413) or a lost connection the page comes back with every field filled again.
  function initKeepForm() {
    document.querySelectorAll("form[data-keep-form]").forEach(function (form) {
      var key = STORE + form.dataset.keepForm;
      form.addEventListener("submit", function () {
        var saved = {};
        fields(form).forEach(function (el) {
          if (el.type === "checkbox") saved[el.name] = el.checked;
          else if (el.type === "radio") {
            if (el.checked) {
              var label = el.closest("label");
              var where = label && (label.querySelector("small") || label);
              saved[el.name] = { value: el.value, text: where ? where.textContent.trim() : el.value };
            }
          } else saved[el.name] = el.value;
        });
        // the form's key too: sent again, a report the server did file is not filed twice
        var idem = form.querySelector('input[name="idempotency_key"]');
        if (idem) saved.idempotency_key = idem.value;
        // a photo cannot be kept in the tab: its name is, to ask for it again
        var photo = form.querySelector('input[type="file"]');
        if (photo && photo.files && photo.files.length) saved.photo_name = photo.files[0].name;
        try { window.sessionStorage.setItem(key, JSON.stringify(saved)); } catch (e) { /* full */ }
      });
      if (form.dataset.restore !== "1") return;
      var saved;
      try { saved = JSON.parse(window.sessionStorage.getItem(key) || "null"); } catch (e) { saved = null; }
      if (!saved) return;
      var idemKept = form.querySelector('input[name="idempotency_key"]');
      if (idemKept && saved.idempotency_key) idemKept.value = saved.idempotency_key;
      if (form.dataset.restoredNote) {
        // a fresh page: say why the form is not empty
        var note = document.createElement("p");
        note.className = "notice";
        note.setAttribute("role", "status");
        note.textContent = form.dataset.restoredNote;
        form.prepend(note);
      }
      var photoInput = form.querySelector('input[type="file"]');
      if (saved.photo_name && photoInput && form.dataset.photoAgain) {
        var again = document.createElement("p");
        again.className = "notice";
        again.setAttribute("role", "status");
        again.textContent = form.dataset.photoAgain + " " + saved.photo_name;
        var box = photoInput.closest(".field") || photoInput;
        box.before(again);
      }
      fields(form).forEach(function (el) {
        if (!(el.name in saved)) return;
        var value = saved[el.name];
        if (el.type === "checkbox") el.checked = Boolean(value);
        else if (el.type !== "radio" && !el.value) el.value = value;
      });
      var area = saved.area;
      var options = form.querySelector("#village-options");
      if (area && options && !form.querySelector('input[name="area"]:checked')) {
        var label = document.createElement("label");
        label.className = "check";
        var radio = document.createElement("input");
        radio.type = "radio";
        radio.name = "area";
        radio.value = area.value;
        radio.checked = true;
        label.append(radio, " " + area.text);
        var list = document.createElement("ul");
        list.className = "pick";
        var item = document.createElement("li");
        item.append(label);
        list.append(item);
        options.replaceChildren(list);
      }
      form.querySelectorAll("select, textarea").forEach(function (el) {
        el.dispatchEvent(new Event("change", { bubbles: true }));
      });
    });
    // the report is filed: forget what was kept, and remember that it was filed (Back)
    document.querySelectorAll("[data-forget-form]").forEach(function (el) {
      try {
        window.sessionStorage.removeItem(STORE + el.dataset.forgetForm);
        if (el.dataset.filedCode) {
          window.sessionStorage.setItem(FILED + el.dataset.forgetForm, JSON.stringify({
            code: el.dataset.filedCode, url: el.dataset.filedUrl || "",
          }));
        }
      } catch (e) { /* */ }
    });
  }

  // Back from the page that said "received": the browser fills the form in again as it was
  // sent, and one more press would file the same report twice. The form is emptied and says
  // the report went, with its code.
  var FILED = "sinergi:filed:";

  function initFiledGuard() {
    // typing a new report here: what the browser restores later is that one, kept as it is
    document.querySelectorAll("form[data-keep-form]").forEach(function (form) {
      form.addEventListener("input", function (event) {
        if (!event.isTrusted) return;
        try { window.sessionStorage.removeItem(FILED + form.dataset.keepForm); } catch (e) { /* */ }
      });
    });
    window.addEventListener("pageshow", function (event) {
      var nav = window.performance && performance.getEntriesByType &&
        performance.getEntriesByType("navigation")[0];
      var back = event.persisted || (nav && nav.type === "back_forward");
      document.querySelectorAll("form[data-keep-form]").forEach(function (form) {
        var key = FILED + form.dataset.keepForm;
        var filed;
        try { filed = JSON.parse(window.sessionStorage.getItem(key) || "null"); } catch (e) { filed = null; }
        if (!filed || !back || !form.dataset.filedNote) return;
        try { window.sessionStorage.removeItem(key); } catch (e) { /* */ }
        form.reset();
        form.querySelectorAll("textarea, input[type=text], input[type=tel], input[type=email]")
          .forEach(function (el) { el.value = ""; el.dispatchEvent(new Event("input")); });
        var options = form.querySelector("#village-options");
        if (options) options.replaceChildren();
        // a page the browser kept whole still holds the key of the report sent: a new one
        var idem = form.querySelector('input[name="idempotency_key"]');
        if (idem && event.persisted && window.crypto && crypto.randomUUID) {
          idem.value = crypto.randomUUID().replace(/-/g, "");
        }
        var note = document.createElement("p");
        note.className = "notice";
        note.setAttribute("role", "status");
        note.append(form.dataset.filedNote + " ");
        var link = document.createElement("a");
        link.href = filed.url;
        link.textContent = filed.code;
        note.append(link);
        form.querySelectorAll("[data-filed-note-shown]").forEach(function (n) { n.remove(); });
        note.dataset.filedNoteShown = "1";
        form.prepend(note);
        window.scrollTo(0, 0);
      });
    });
  }

  function megabytes(bytes) {
    return (bytes / 1000000).toFixed(1).replace(".", ",");
  }

  // A photo larger than the server takes is made smaller on the phone (a JPEG at most
  // 1600 px wide, which also drops its location data); if it still does not fit, the citizen
  // is told before anything is sent.
  function shrink(file, callback) {
    if (!window.createImageBitmap || !window.DataTransfer || !/^image\//.test(file.type)) {
      callback(null);
      return;
    }
    window.createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) {
        if (!blob) { callback(null); return; }
        var name = file.name.replace(/\.[^.]+$/, "") + ".jpg";
        callback(new File([blob], name, { type: "image/jpeg" }));
      }, "image/jpeg", 0.82);
    }).catch(function () { callback(null); });
  }

  function initPhotoCheck() {
    document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
      var max = parseInt(input.dataset.maxBytes, 10);
      var above = parseInt(input.dataset.shrinkAbove || input.dataset.maxBytes, 10);
      var status = document.createElement("p");
      status.className = "help";
      status.setAttribute("role", "status");
      input.insertAdjacentElement("afterend", status);
      input.addEventListener("change", function () {
        var file = input.files && input.files[0];
        status.textContent = "";
        if (!file || file.size <= above) return;
        status.textContent = input.dataset.msgShrinking || "";
        shrink(file, function (smaller) {
          if (smaller && smaller.size < file.size) {
            var list = new DataTransfer();
            list.items.add(smaller);
            input.files = list.files;
            file = smaller;
          }
          if (file.size > max) {
            input.value = "";
            status.textContent = (input.dataset.msgTooBig || "")
              .replace("%(size)s", megabytes(file.size)).replace("%(max)s", megabytes(max));
            status.className = "error";
          } else {
            status.className = "help";
            status.textContent = (input.dataset.msgShrunk || "").replace("%(size)s", megabytes(file.size));
          }
        });
      });
    });
  }

  // The fields a kind of report needs (the time of a patrol request, the date of an event,
  // the link of a hoax) show with that kind; the others wait, keeping what was typed.
  function initKindFields() {
    document.querySelectorAll("select[data-kinds]").forEach(function (select) {
      var data = document.getElementById(select.dataset.kinds);
      var kinds = data ? JSON.parse(data.textContent || "{}") : {};
      var form = select.form;
      var update = function () {
        var kind = kinds[select.value] || "";
        var any = false;
        form.querySelectorAll("[data-kind-fields]").forEach(function (group) {
          var shown = group.dataset.kindFields.split(" ").indexOf(kind) >= 0;
          group.hidden = !shown && !group.querySelector(".has-error");
          any = any || !group.hidden;
        });
        var details = form.querySelector("details[data-kind-details]");
        if (details) {
          details.hidden = !any;
          if (any) details.open = true;
        }
      };
      select.addEventListener("change", update);
      update();
    });
  }

  // Long text shows how much room is left.
  function initCounters() {
    document.querySelectorAll("textarea[data-counter][maxlength]").forEach(function (area) {
      var max = parseInt(area.getAttribute("maxlength"), 10);
      var out = document.createElement("p");
      out.className = "help counter";
      out.setAttribute("aria-live", "polite");
      area.insertAdjacentElement("afterend", out);
      var show = function () { out.textContent = area.value.length + " / " + max; };
      area.addEventListener("input", show);
      show();
    });
  }

  // The tracking code is copied or shared in one tap (the buttons show only where the phone
  // can do it).
  function initShare() {
    document.querySelectorAll("[data-share]").forEach(function (box) {
      var status = box.querySelector("[data-share-status]");
      var copy = box.querySelector("[data-copy]");
      var share = box.querySelector("[data-share-url]");
      var any = false;
      if (copy && navigator.clipboard) {
        any = true;
        copy.addEventListener("click", function () {
          var source = document.querySelector(copy.dataset.copy);
          navigator.clipboard.writeText(source ? source.textContent.trim() : "").then(function () {
            if (status) status.textContent = copy.dataset.copied || "";
          });
        });
      } else if (copy) copy.hidden = true;
      if (share && navigator.share) {
        any = true;
        share.addEventListener("click", function () {
          navigator.share({ title: share.dataset.shareTitle, url: share.dataset.shareUrl }).catch(function () {});
        });
      } else if (share) share.hidden = true;
      box.hidden = !any;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initShare();
    initKindFields();
    initKeepForm();
    initFiledGuard();
    initPhotoCheck();
    initCounters();
  });
})();
