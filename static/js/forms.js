// Live feedback on password fields. The server checks everything again on submit, so the forms
// work the same without this script; this only tells the user sooner.
(function () {
  "use strict";
  var form = document.querySelector("form[data-password-check]");
  if (!form) return;
  var password = form.querySelector("#password");
  var confirm = form.querySelector("#password_confirm");
  var feedback = document.getElementById("password-feedback");
  var confirmFeedback = document.getElementById("confirm-feedback");
  var field = function (name) {
    var el = form.querySelector("[name=" + name + "]");
    return el ? el.value : "";
  };
  var timer = null;
  var seq = 0;

  function checkMatch() {
    if (!confirm || !confirm.value) { confirmFeedback.textContent = ""; return; }
    var same = confirm.value === password.value;
    confirmFeedback.textContent = same ? "Passwords match." : "The passwords do not match.";
    confirmFeedback.className = same ? "feedback ok" : "feedback bad";
    confirm.setAttribute("aria-invalid", same ? "false" : "true");
  }

  function checkStrength() {
    var mine = ++seq;
    if (!password.value) { feedback.textContent = ""; return; }
    var body = new URLSearchParams({ password: password.value, email: field("email"), name: field("name") });
    fetch(form.getAttribute("data-password-check"), { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (res) {
        if (!res || mine !== seq) return;
        var ok = res.problems.length === 0;
        feedback.textContent = ok ? "Strong enough." : res.problems.join(" ");
        feedback.className = ok ? "feedback ok" : "feedback bad";
        password.setAttribute("aria-invalid", ok ? "false" : "true");
      })
      .catch(function () {});
  }

  password.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(checkStrength, 350);
    checkMatch();
  });
  if (confirm) confirm.addEventListener("input", checkMatch);
})();
