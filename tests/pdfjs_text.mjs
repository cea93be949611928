// The text pdf.js gives for a PDF (as Firefox's text layer has it), a line a line:
// node pdfjs_text.mjs FILE.pdf, run where node_modules/pdfjs-dist is (tests/readers.py).
import { createRequire } from "module";
import fs from "fs";
import path from "path";

const require = createRequire(path.join(process.cwd(), "noop.js"));
const { getDocument } = await import(require.resolve("pdfjs-dist/legacy/build/pdf.mjs"));
const data = new Uint8Array(fs.readFileSync(process.argv[2]));
const doc = await getDocument({ data, useSystemFonts: false, disableFontFace: true, verbosity: 0 })
  .promise;
const lines = [];
for (let number = 1; number <= doc.numPages; number++) {
  const page = await doc.getPage(number);
  const content = await page.getTextContent({ includeMarkedContent: false });
  let line = "";
  for (const item of content.items) {
    line += item.str;
    if (item.hasEOL) {
      lines.push(line);
      line = "";
    }
  }
  if (line) lines.push(line);
}
console.log(lines.join("\n"));
