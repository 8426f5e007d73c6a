/* Runs before the theme's own script. The page's alternates (its other
   languages, and its language's feeds) are for search engines and feed
   readers, which read the page as it is sent; the theme would fetch a
   sitemap.xml next to each of them (requests to the public address, even from
   a local preview, and one that does not exist beside a feed). The language
   switch in the header already links to the same page. */
(function () {
  "use strict";
  var links = document.querySelectorAll('link[rel="alternate"]');
  for (var i = 0; i < links.length; i += 1) {
    links[i].setAttribute("rel", links[i].hasAttribute("hreflang") ? "alternate-language" : "alternate-feed");
  }
})();
