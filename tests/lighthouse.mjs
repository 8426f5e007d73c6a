// Lighthouse (mobile, its default) on pages of a served site, in one Chromium:
//   node tests/lighthouse.mjs BASE PATH... (CHROME_PATH: the browser)
// prints {path: {accessibility, seo, failing: [{id, items}]}} as JSON.
// Only accessibility and SEO are asked for, so the waits Lighthouse makes for
// its performance figures (seconds per page) are cut short.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const [base, ...paths] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  // nothing leaves the machine: every host but the local server is unknown
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"],
});
const results = {};
try {
  for (const path of paths) {
    const { lhr } = await lighthouse(base + path, {
      port: chrome.port, logLevel: "error", onlyCategories: ["accessibility", "seo"],
      pauseAfterFcpMs: 100, pauseAfterLoadMs: 100, networkQuietThresholdMs: 100,
      cpuQuietThresholdMs: 100, disableFullPageScreenshot: true, skipAboutBlank: true,
    });
    const failing = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && ["binary", "numeric"].includes(a.scoreDisplayMode))
      .map((a) => ({ id: a.id, items: (a.details?.items || []).slice(0, 5)
        .map((i) => i.node?.snippet || i.source || JSON.stringify(i).slice(0, 200)) }));
    results[path] = { accessibility: Math.round(lhr.categories.accessibility.score * 100),
                      seo: Math.round(lhr.categories.seo.score * 100), failing };
  }
} finally {
  await chrome.kill();
}
console.log(JSON.stringify(results, null, 1));
