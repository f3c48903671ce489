// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Copy buttons of the cite box: shown only when JavaScript runs.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "offscreen";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  function setupCopy() {
    var status = document.querySelector(".copy-status");
    document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        if (!source) { return; }
        var label = source.labels && source.labels[0] ? source.labels[0].textContent : "Citation";
        copyText(source.value).then(function () {
          button.setAttribute("data-copied", source.value);
          if (status) { status.textContent = label + " citation copied."; }
        }, function () {
          source.focus();
          source.select();
          if (status) { status.textContent = "Press Ctrl+C to copy the selected citation."; }
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupCopy();
  });
})();
