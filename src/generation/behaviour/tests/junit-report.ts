/**
 * The parts of `bun test --reporter=junit` output the gate needs: one entry
 * per test case with its file, line, name (describe path joined by " > ")
 * and, when it failed, the error type, message and stack text. A small
 * reader for the subset Bun writes (elements `testsuite`, `testcase`,
 * `failure`, `skipped`; attributes in double quotes; XML entities).
 */

export interface TestCaseResult {
  readonly file: string;
  readonly line: number | undefined;
  readonly name: string;
  readonly status: "passed" | "failed" | "skipped";
  readonly failure?: { readonly type: string; readonly message: string; readonly stack: string };
}

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_m, entity: string) => {
    if (entity.startsWith("#x") || entity.startsWith("#X")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }[entity.toLowerCase()] ?? "";
  });
}

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:-]+)="([^"]*)"/g)) if (m[1] !== undefined && m[2] !== undefined) out.set(m[1], decode(m[2]));
  return out;
}

/** Test cases in document order. Files that never loaded have no test case (see `filesReported`). */
export function readJunit(xml: string): TestCaseResult[] {
  const results: TestCaseResult[] = [];
  const suites: string[] = [];
  // Tokens: opening/closing testsuite tags and whole testcase elements.
  const token = /<testsuite\b([^>]*?)(\/?)>|<\/testsuite>|<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const m of xml.matchAll(token)) {
    if (m[0].startsWith("</testsuite")) {
      suites.pop();
      continue;
    }
    if (m[0].startsWith("<testsuite")) {
      if (m[2] !== "/") suites.push(attributes(m[1] ?? "").get("name") ?? "");
      continue;
    }
    const attrs = attributes(m[3] ?? "");
    const body = m[4] ?? "";
    const file = attrs.get("file") ?? suites[0] ?? "";
    const line = attrs.has("line") ? Number(attrs.get("line")) : undefined;
    // The outer suite is the file; inner suites are describe blocks.
    const name = [...suites.slice(1), attrs.get("name") ?? ""].filter((s) => s !== "").join(" > ");
    const failure = /<(failure|error)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/.exec(body);
    if (failure) {
      const fa = attributes(failure[2] ?? "");
      results.push({ file, line, name, status: "failed", failure: { type: fa.get("type") ?? "Error", message: fa.get("message") ?? "", stack: decode(failure[3] ?? "") } });
    } else results.push({ file, line, name, status: /<skipped\b/.test(body) ? "skipped" : "passed" });
  }
  return results;
}
