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

    apply(false);
  }

  /* Map stories: the map moves to each chapter's place as it is read (scrolled
     to, or reached with the keyboard). Without JavaScript the chapters name
     their places in words. */
  function setupMapStory(story) {
    var container = story.querySelector("[data-pl-map]");
    var map = container && window[container.id];
    var chapters = Array.prototype.slice.call(story.querySelectorAll(".pl-chapter[data-lat]"));
    if (!map || !chapters.length) { return; }
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var current = null, focused = -Infinity;
    function show(chapter) {
      if (chapter === current) { return; }
      if (current) { current.classList.remove("pl-chapter--active"); }
      current = chapter;
      chapter.classList.add("pl-chapter--active");
      var target = [parseFloat(chapter.dataset.lat), parseFloat(chapter.dataset.lon)];
      var zoom = parseInt(chapter.dataset.zoom, 10) || map.getZoom();
      if (still) { map.setView(target, zoom); } else { map.flyTo(target, zoom, {duration: 0.8}); }
      container.setAttribute("data-chapter", chapter.id);
    }
    if ("IntersectionObserver" in window) {
      /* the chapter at the reading line, unless the keyboard just chose one (the
         scroll that brings a focused chapter into view may cross another) */
      var observer = new IntersectionObserver(function (entries) {
        if (performance.now() - focused < 600) { return; }
        entries.forEach(function (entry) { if (entry.isIntersecting) { show(entry.target); } });
      }, {rootMargin: "-45% 0px -50% 0px"});
      chapters.forEach(function (chapter) { observer.observe(chapter); });
    }
    /* each chapter is a stop for the keyboard (named by its heading), so that
       Tab moves the map from place to place as scrolling does */
    chapters.forEach(function (chapter) {
      var heading = chapter.querySelector("h2, h3");
      chapter.tabIndex = 0;
      if (heading && heading.id) { chapter.setAttribute("aria-labelledby", heading.id); }
      chapter.addEventListener("focusin", function () { focused = performance.now(); show(chapter); });
    });
  }

  /* Maps: the controls' names in the page's language. On a touch screen one
     finger scrolls the page past the map (a map must not trap the reader's
     swipe) and two fingers move and zoom it; a finger on the map says so. */
  function setupMap(container) {
    var labels = JSON.parse(container.getAttribute("data-labels") || "{}");
    var names = {".leaflet-control-zoom-in": labels.zoomIn, ".leaflet-control-zoom-out": labels.zoomOut,
                 ".leaflet-control-layers-toggle": labels.layers};
    Object.keys(names).forEach(function (selector) {
      var control = container.querySelector(selector);
      if (control && names[selector]) {
        control.setAttribute("title", names[selector]);
        control.setAttribute("aria-label", names[selector]);
      }
    });
    var map = window[container.id];
    if (!map || !map.dragging || !window.matchMedia("(pointer: coarse)").matches) { return; }
    map.dragging.disable();
    var hint = document.createElement("p"), timer = null;
    hint.className = "pl-map__hint";
    hint.setAttribute("aria-hidden", "true");  /* a screen reader's gestures are its own */
    hint.textContent = labels.twoFingers || "";
    container.appendChild(hint);
    container.addEventListener("touchmove", function (event) {
      if (event.touches.length !== 1) { return; }
      hint.classList.add("pl-map__hint--shown");
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { hint.classList.remove("pl-map__hint--shown"); }, 1500);
    }, {passive: true});
  }

  /* Photo stories: a lightbox (a modal <dialog>: Escape closes it, focus goes
     back to the photo that opened it; arrow keys and buttons browse). */
  function setupLightbox(root) {
    var labels = JSON.parse(root.getAttribute("data-pl-lightbox") || "{}");
    var links = Array.prototype.slice.call(document.querySelectorAll("[data-pl-zoom]"));
    var seen = {};
    links = links.filter(function (a) { var k = a.getAttribute("href"); if (seen[k]) { return false; } seen[k] = true; return true; });
    if (!links.length || !window.HTMLDialogElement) { return; }
    var dialog = document.createElement("dialog");
    dialog.className = "pl-lightbox";
    dialog.setAttribute("aria-label", labels.label || "");
    var figure = document.createElement("figure");
    var img = document.createElement("img");
    img.alt = "";  /* until a photo is shown, with the photo's own text */
    var caption = document.createElement("figcaption");
    figure.appendChild(img); figure.appendChild(caption);
    var nav = document.createElement("div");
    nav.className = "pl-lightbox__nav";
    function button(text, action) {
      var b = document.createElement("button");
      b.type = "button"; b.textContent = text; b.addEventListener("click", action);
      nav.appendChild(b); return b;
    }
    var index = 0, opener = null;
    function show(i) {
      index = (i + links.length) % links.length;
      var link = links[index], inner = link.querySelector("img");
      img.src = link.getAttribute("href");
      img.alt = inner ? inner.alt : "";
      caption.textContent = link.getAttribute("data-caption") || "";
    }
    button(labels.prev || "<", function () { show(index - 1); });
    var close = button(labels.close || "x", function () { dialog.close(); });
    button(labels.next || ">", function () { show(index + 1); });
    dialog.appendChild(figure); dialog.appendChild(nav);
    document.body.appendChild(dialog);
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") { show(index - 1); }
      if (event.key === "ArrowRight") { show(index + 1); }
    });
    dialog.addEventListener("close", function () { if (opener) { opener.focus(); } });
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("[data-pl-zoom]");
      if (!link) { return; }
      event.preventDefault();
      opener = link;
      show(Math.max(0, links.map(function (a) { return a.getAttribute("href"); }).indexOf(link.getAttribute("href"))));
      dialog.showModal();
      close.focus();
    });
  }

  /* A video on another website: its host's player comes in only when the
     reader plays it (the link leads to the video there without JavaScript). */
  function setupFacade(box) {
    box.querySelector("a").addEventListener("click", function (event) {
      event.preventDefault();
      var frame = document.createElement("iframe");
      frame.src = box.getAttribute("data-pl-facade");
      frame.title = box.getAttribute("data-pl-title");
      frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
      frame.allowFullscreen = true;
      box.textContent = "";
      box.appendChild(frame);
      frame.focus();
    });
  }

  /* The menu on a phone: Material's button is a <label> for a hidden checkbox,
     which the keyboard cannot reach and which may not take a button's role. It
     becomes a real button (Enter and Space open it, and the drawer's first
     link takes the focus); Escape, or leaving the drawer, closes it and the
     focus goes back to the button. */
  function setupDrawer(toggle) {
    var label = document.querySelector('.md-header label[for="__drawer"]');
    var drawer = document.querySelector(".md-sidebar--primary");
    var nav = drawer && drawer.querySelector(".md-nav--primary");
    if (!label || !nav) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " pl-menu-button";
    while (label.firstChild) { button.appendChild(label.firstChild); }
    label.parentNode.replaceChild(button, label);
    button.setAttribute("aria-label", nav.getAttribute("aria-label") || "");
    nav.id = nav.id || "pl-drawer";
    button.setAttribute("aria-controls", nav.id);
    function sync() { button.setAttribute("aria-expanded", String(toggle.checked)); }
    function close(focusButton) {
      if (toggle.checked) { toggle.click(); }
      if (focusButton) { button.focus(); }
    }
    button.addEventListener("click", function (event) {
      toggle.click();
      /* opened from the keyboard (a click with no pointer): into the drawer */
      var first = event.detail === 0 && toggle.checked && nav.querySelector("a[href]");
      if (first) { first.focus(); }
    });
    drawer.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) { close(true); }
    });
    /* the drawer comes after the page's cover in the document: going back out of
       it (Shift+Tab) leads to the button, as the drawer is shown */
    drawer.addEventListener("focusout", function (event) {
      var to = event.relatedTarget;
      if (!toggle.checked || !to || drawer.contains(to)) { return; }
      close(Boolean(to.compareDocumentPosition(drawer) & Node.DOCUMENT_POSITION_FOLLOWING));
    });
    toggle.addEventListener("change", sync);
    sync();
  }

  /* The drawer and the search start closed, also when the browser brings a page
     back from its cache or restores the checkboxes' state (Material marked them
     autocomplete="off" for that, which HTML allows on text fields only). */
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input.md-toggle[data-md-toggle]"),
      function (toggle) { if (toggle.checked) { toggle.click(); } });
  });

  function init() {
    var drawer = document.getElementById("__drawer");
    if (drawer) { setupDrawer(drawer); }
    var lightbox = document.querySelector("[data-pl-lightbox]");
    if (lightbox) { setupLightbox(lightbox); }
    Array.prototype.forEach.call(document.querySelectorAll("[data-pl-map]"), setupMap);
    var form = document.querySelector("[data-pl-filter]");
    if (form) { setupFilter(form); }
    Array.prototype.forEach.call(document.querySelectorAll(".pl-mapstory"), setupMapStory);
    Array.prototype.forEach.call(document.querySelectorAll("[data-pl-facade]"), setupFacade);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
