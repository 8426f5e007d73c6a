/* Runs before the theme's own script. The page's hreflang links are for
   search engines; the theme would otherwise fetch a sitemap.xml next to each
   of them (requests to the public address, even from a local preview). The
   language switch in the header already links to the same page. */
(function () {
  "use strict";
  var links = document.querySelectorAll('link[rel="alternate"][hreflang]');
  for (var i = 0; i < links.length; i += 1) {
    links[i].setAttribute("rel", "alternate-language");
  }
})();
