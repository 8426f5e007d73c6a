/* Preview only: reloads the page after a rebuild, shows content errors. */
(function () {
  "use strict";
  var banner = null;
  var notes = null;
  function show(text) {
    if (!banner) {
      banner = document.createElement("div");
      banner.setAttribute("role", "alert");
      banner.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:10000;max-height:45vh;" +
        "overflow:auto;background:#7a1010;color:#fff;font:14px/1.4 monospace;padding:12px 16px;" +
        "white-space:pre-wrap";
      document.body.appendChild(banner);
    }
    banner.textContent = text;
  }
  // Warnings do not stop the preview, but the check before publishing fails on them
  function warn(text) {
    if (!text) { if (notes) { notes.remove(); notes = null; } return; }
    if (!notes) {
      notes = document.createElement("div");
      notes.setAttribute("role", "status");
      notes.style.cssText = "position:fixed;left:0;right:0;top:0;z-index:9999;max-height:30vh;" +
        "overflow:auto;background:#fff3c4;color:#3d2e00;font:14px/1.4 monospace;padding:8px 16px;" +
        "white-space:pre-wrap;border-bottom:2px solid #8a6d00";
      document.body.appendChild(notes);
    }
    notes.textContent = text;
  }
  // The site's generation this page was served from: a page that was still
  // loading when the site was rebuilt hears it on connecting, and reloads.
  var served = Number(document.currentScript && document.currentScript.dataset.generation);
  var source = new EventSource("/__pilots__/events");
  source.addEventListener("hello", function (event) {
    if (!isNaN(served) && Number(JSON.parse(event.data)) > served) { window.location.reload(); }
  });
  source.addEventListener("reload", function () { window.location.reload(); });
  source.addEventListener("warnings", function (event) {
    warn(JSON.parse(event.data));  // already in the editor's language
  });
  source.addEventListener("problem", function (event) {
    show(JSON.parse(event.data));  // already in the editor's language
  });
})();
