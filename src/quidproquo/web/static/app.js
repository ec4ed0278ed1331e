// quidproquo web UI: small progressive enhancements; every page works without this script.
(function () {
  "use strict";
  // One reviewer name for the whole review page: copied into every form (whose own name
  // fields are then hidden), and a form is not sent until the name is given.
  var shared = document.getElementById("reviewer-name");
  if (shared) {
    document.documentElement.classList.add("js");
    document.querySelectorAll("input.reviewer-field").forEach(function (input) {
      input.required = false; // hidden now; the check below takes its place
    });
    var sync = function () {
      document.querySelectorAll("input.reviewer-field").forEach(function (input) {
        input.value = shared.value;
      });
      shared.classList.remove("missing");
    };
    shared.addEventListener("input", sync);
    sync();
    document.querySelectorAll(".review-item form").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!shared.value.trim()) {
          event.preventDefault();
          shared.classList.add("missing");
          shared.focus();
        }
      });
    });
  }
  // On a document page opened at #f-<id>, bring the highlighted fact into view.
  if (location.hash.indexOf("#f-") === 0) {
    var target = document.getElementById(location.hash.slice(1));
    if (target) { target.scrollIntoView({ block: "center" }); }
  }
})();
