/* Search with Pagefind: the index of the page's language (Pagefind picks it by
   <html lang>), loaded in small parts as the reader types. Results name their
   kind and pilot and show a small picture; filters narrow them down. Every
   text from the index is put in as text, never as HTML. */
(function () {
  "use strict";
  var form = document.querySelector("[data-pl-search]");
  if (!form) { return; }
  var input = form.elements.q, status = form.querySelector(".pl-search__status");
  var list = document.querySelector("[data-pl-results]");
  var names = ["kind", "pilot", "theme"];
  var bundle = new URL(form.getAttribute("data-bundle"), window.location.href);
  var root = new URL(form.getAttribute("data-root"), window.location.href);
  var pagefind = null, timer = null, asked = 0;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind.js", bundle).href).then(function (api) {
        return api.options({baseUrl: root.pathname, excerptLength: 24}).then(function () {
          return api.filters();
        }).then(function (filters) {
          fillFilters(filters || {});
          return api;
        });
      });
    }
    return pagefind;
  }

  function fillFilters(filters) {
    names.forEach(function (name) {
      var select = form.elements[name], values = Object.keys(filters[name] || {}).sort();
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        select.appendChild(option);
      });
      select.disabled = values.length === 0;
    });
    restore();
  }

  function chosen() {
    var filters = {};
    names.forEach(function (name) {
      if (form.elements[name].value) { filters[name] = form.elements[name].value; }
    });
    return filters;
  }

  function say(key, n) {
    var text = status.getAttribute("data-" + key) || "";
    status.textContent = text.replace("{n}", String(n));
  }

  function excerpt(html, into) {
    /* Pagefind marks the words found with <mark>; everything else is text */
    html.split(/(<mark>.*?<\/mark>)/).forEach(function (part) {
      var found = /^<mark>(.*)<\/mark>$/.exec(part);
      var node = found ? document.createElement("mark") : document.createTextNode("");
      node.textContent = decode(found ? found[1] : part);
      into.appendChild(node);
    });
  }

  function decode(text) {
    var area = document.createElement("textarea");
    area.innerHTML = text;
    return area.value;
  }

  // The picture's site path, written in hexadecimal by the generator (so that
  // it gives the index no words); anything else is not a picture of ours
  function picturePath(hex) {
    if (!/^([0-9a-f]{2})+$/.test(hex || "")) return null;
    var path = hex.replace(/../g, function (pair) { return String.fromCharCode(parseInt(pair, 16)); });
    return /^media\/[\w.-]+$/.test(path) ? path : null;
  }

  function result(data) {
    var item = document.createElement("li"), meta = data.meta || {};
    var image = picturePath(meta.image);
    var picture = document.createElement(image ? "img" : "div");
    if (image) {
      picture.src = new URL(image, root).href;
      picture.alt = "";
      picture.width = 160;
      picture.height = 107;
    } else {
      picture.className = "pl-results__image";
    }
    var body = document.createElement("div"), title = document.createElement("h2");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = meta.title || data.url;
    title.appendChild(link);
    body.appendChild(title);
    var about = [].concat((data.filters || {}).kind || [], meta.pilot ? [meta.pilot] : [],
                          meta.medium ? [meta.medium] : []);
    if (about.length) {
      var line = document.createElement("p");
      line.className = "pl-card__meta";
      line.textContent = about.join(" · ");
      body.appendChild(line);
    }
    var text = document.createElement("p");
    excerpt(data.excerpt || "", text);
    body.appendChild(text);
    item.appendChild(picture);
    item.appendChild(body);
    return item;
  }

  function run() {
    var query = input.value.trim(), mine = ++asked;
    remember(query);
    carry(query);
    if (!query) { list.textContent = ""; status.textContent = ""; return; }
    say("loading", 0);
    load().then(function (api) {
      return api.search(query, {filters: chosen()});
    }).then(function (search) {
      return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
    }).then(function (found) {
      if (mine !== asked) { return; }
      list.textContent = "";
      found.forEach(function (data) { list.appendChild(result(data)); });
      say(found.length === 0 ? "none" : found.length === 1 ? "one" : "many", found.length);
    }).catch(function () {
      if (mine === asked) { say("error", 0); }
    });
  }

  function remember(query) {
    if (!window.history.replaceState) { return; }
    var params = new URLSearchParams();
    if (query) { params.set("q", query); }
    Object.keys(chosen()).forEach(function (name) { params.set(name, form.elements[name].value); });
    var q = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (q ? "?" + q : ""));
  }

  // The language switch leads to the other language's search with the same words
  // (they may find nothing there, but the reader need not type them again); the
  // filters' values are names in this language, so they stay behind
  function carry(query) {
    document.querySelectorAll("a.pl-lang__link").forEach(function (link) {
      var url = new URL(link.getAttribute("href"), window.location.href);
      url.search = query ? "?" + new URLSearchParams({q: query}).toString() : "";
      link.href = url.href;
    });
  }

  function restore() {
    var params = new URLSearchParams(window.location.search);
    names.forEach(function (name) {
      var select = form.elements[name];
      select.value = params.get(name) || "";
      if (select.selectedIndex < 0) { select.value = ""; }
    });
  }

  input.value = new URLSearchParams(window.location.search).get("q") || "";
  carry(input.value.trim());
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 250);
  });
  input.addEventListener("focus", load, {once: true});
  form.addEventListener("change", run);
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  if (input.value) { load().then(run); }
})();
