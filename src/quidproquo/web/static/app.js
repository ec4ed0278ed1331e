// quidproquo web UI: small progressive enhancements; every page works without this script.
(function () {
  "use strict";
  // On a document page opened at #f-<id>, bring the highlighted fact into view.
  if (location.hash.indexOf("#f-") === 0) {
    var target = document.getElementById(location.hash.slice(1));
    if (target) { target.scrollIntoView({ block: "center" }); }
  }
})();
