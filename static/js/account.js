// Inactivity warning on the account pages. The server signs an idle session out by itself; this
// script only warns before it happens and lets the user stay signed in.
(function () {
  "use strict";
  var body = document.body;
  var remaining = parseInt(body.getAttribute("data-idle-remaining"), 10);
  var warnBefore = parseInt(body.getAttribute("data-idle-warning"), 10);
  var dialog = document.getElementById("idle-warning");
  var countdown = document.getElementById("idle-countdown");
  var form = document.getElementById("keepalive");
  if (!dialog || !form || isNaN(remaining) || isNaN(warnBefore)) return;
  var deadline = Date.now() + remaining * 1000;
  // "3 minutes" in the page's language, plurals included, by the browser's own Intl.
  function duration(n, unit) {
    try {
      return new Intl.NumberFormat(document.documentElement.lang || "en", { style: "unit", unit: unit, unitDisplay: "long" }).format(n);
    } catch (e) {
      return n + " " + unit + (n === 1 ? "" : "s");
    }
  }

  function tick() {
    var left = Math.round((deadline - Date.now()) / 1000);
    if (left <= 0) { window.location.assign("/account"); return; }
    if (left <= warnBefore) {
      if (dialog.hidden) { dialog.hidden = false; form.querySelector("button").focus(); }
      countdown.textContent = left >= 60 ? duration(Math.ceil(left / 60), "minute") : duration(left, "second");
    }
    setTimeout(tick, 1000);
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (res) {
        if (!res) { window.location.assign("/account"); return; }
        deadline = Date.now() + res.idle_remaining * 1000;
        dialog.hidden = true;
      });
  });
  setTimeout(tick, 1000);
})();
