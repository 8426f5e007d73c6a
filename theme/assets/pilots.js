/* Pilot storytelling: progressive enhancements. Everything works without it. */
(function () {
  "use strict";

  /* Story filter: by pilot and theme, in the browser; ?pilot=...&theme=... deep-links. */
  function setupFilter(form) {
    var list = document.querySelector("[data-pl-stories]");
    if (!list) { return; }
    var cards = Array.prototype.slice.call(list.children);
    var pilot = form.elements.pilot, theme = form.elements.theme;
    var count = form.querySelector(".pl-filter__count");
    var params = new URLSearchParams(window.location.search);
    pilot.value = params.get("pilot") || "";
    theme.value = params.get("theme") || "";
    if (pilot.selectedIndex < 0) { pilot.value = ""; }
    if (theme.selectedIndex < 0) { theme.value = ""; }

    function apply(updateUrl) {
      var shown = 0;
      cards.forEach(function (card) {
        var themes = (card.getAttribute("data-themes") || "").split(" ");
        var ok = (!pilot.value || card.getAttribute("data-pilot") === pilot.value) &&
                 (!theme.value || themes.indexOf(theme.value) >= 0);
        card.hidden = !ok;
        if (ok) { shown += 1; }
      });
      var text = shown === 0 ? count.getAttribute("data-none") :
        shown === 1 ? count.getAttribute("data-one") :
        count.getAttribute("data-many").replace("{n}", String(shown));
      count.textContent = text;
      if (updateUrl && window.history.replaceState) {
        var query = new URLSearchParams();
        if (pilot.value) { query.set("pilot", pilot.value); }
        if (theme.value) { query.set("theme", theme.value); }
        var q = query.toString();
        window.history.replaceState(null, "", window.location.pathname + (q ? "?" + q : ""));
      }
    }
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
  }

  function init() {
    var form = document.querySelector("[data-pl-filter]");
    if (form) { setupFilter(form); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
