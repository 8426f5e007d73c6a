/* Preview only: reloads the page after a rebuild, shows content errors. */
(function () {
  "use strict";
  var banner = null;
  var notes = null;
  // A panel fixed to the page's edge, over the page: made once, then only its text changes
  function panel(role, css) {
    var element = document.createElement("div");
    element.setAttribute("role", role);
    element.style.cssText = "position:fixed;left:0;right:0;overflow:auto;" +
      "font:14px/1.4 monospace;white-space:pre-wrap;" + css;
    document.body.appendChild(element);
    return element;
  }
  function show(text) {
    banner = banner || panel("alert", "bottom:0;z-index:10000;max-height:45vh;" +
      "background:#7a1010;color:#fff;padding:12px 16px");
    banner.textContent = text;
  }
  // Warnings do not stop the preview, but the check before publishing fails on them
  function warn(text) {
    if (!text) { if (notes) { notes.remove(); notes = null; } return; }
    notes = notes || panel("status", "top:0;z-index:9999;max-height:30vh;background:#fff3c4;" +
      "color:#3d2e00;padding:8px 16px;border-bottom:2px solid #8a6d00");
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
  // After a saved story was shown first: the pages the rest of the site rewrote
  // (the lists that show the story) reload, the story's own do not again
  source.addEventListener("changed", function (event) {
    var path = decodeURIComponent(window.location.pathname).replace(/^\//, "");
    if (path === "" || path.slice(-1) === "/") { path += "index.html"; }
    if (JSON.parse(event.data).split("\n").indexOf(path) >= 0) { window.location.reload(); }
  });
  source.addEventListener("warnings", function (event) {
    warn(JSON.parse(event.data));  // already in the editor's language
  });
  source.addEventListener("problem", function (event) {
    show(JSON.parse(event.data));  // already in the editor's language
  });
})();
