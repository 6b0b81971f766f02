/**
 * Read the JUnit XML report `bun test --reporter=junit` writes. Bun writes a
 * small, regular subset of XML — `<testsuites>` holding one `<testsuite>` per
 * file, nested `<testsuite>`s for `describe` blocks, `<testcase>`s with a
 * `<failure type message>` or `<skipped/>` child, attributes in double quotes,
 * entities for `& < > " '` and `&#10;` — so a tag scanner reads it without an
 * XML dependency. Files that did not load, and files with no tests, are absent
 * from the report (measured with Bun 1.4.5).
 */
import type { TestCaseResult } from "./types.ts";
import { failureDetails } from "./failure-details.ts";

const TAG = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>/g;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*"([^"]*)"/g;

/** Decode XML entities (named and numeric). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[entity] ?? "";
  });
}

function attributesOf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of text.matchAll(ATTRIBUTE)) out[match[1] ?? ""] = decodeEntities(match[2] ?? "");
  return out;
}

interface OpenCase {
  readonly file: string;
  readonly name: string;
  readonly line: number | undefined;
  status: TestCaseResult["status"];
  failure?: { type: string; message: string; body: string };
}

/**
 * Every test case in a bun JUnit report, in report order.
 * @throws Error when `xml` is not a bun test report (no `<testsuites>` root).
 */
export function parseJunitReport(xml: string): TestCaseResult[] {
  if (!/<testsuites[\s>]/.test(xml)) throw new Error("not a bun test JUnit report (no <testsuites> element)");
  const results: TestCaseResult[] = [];
  const suites: { name: string; file: string }[] = [];
  let current: OpenCase | undefined;
  let failureOpen: { type: string; message: string; start: number } | undefined;
  const close = (open: OpenCase): void => {
    const base = { file: open.file, name: open.name, status: open.status, ...(open.line === undefined ? {} : { line: open.line }) };
    results.push(open.failure ? { ...base, ...failureDetails(open.failure.type, open.failure.message, open.failure.body) } : base);
  };
  for (const match of xml.matchAll(TAG)) {
    const [whole, slash, tag, attrText, selfClosing] = match;
    if (tag === undefined) continue; // declaration, comment or CDATA outside a failure
    const attrs = attributesOf(attrText ?? "");
    const closing = slash === "/";
    if (tag === "testsuite") {
      if (closing) suites.pop();
      else if (selfClosing !== "/") suites.push({ name: attrs.name ?? "", file: attrs.file ?? "" });
    } else if (tag === "testcase" && !closing) {
      // The outermost suite is the file; the ones inside it are describe blocks.
      const describes = suites.slice(1).map((s) => s.name);
      const line = attrs.line === undefined ? undefined : Number(attrs.line);
      const open: OpenCase = {
        file: attrs.file ?? suites[0]?.file ?? "",
        name: [...describes, attrs.name ?? ""].join(" > "),
        line: line !== undefined && Number.isInteger(line) ? line : undefined,
        status: "passed",
      };
      if (selfClosing === "/") close(open);
      else current = open;
    } else if (tag === "testcase" && closing && current) {
      close(current);
      current = undefined;
    } else if ((tag === "failure" || tag === "error") && current) {
      if (closing && failureOpen) {
        current.failure = { type: failureOpen.type, message: failureOpen.message, body: decodeEntities(xml.slice(failureOpen.start, match.index)) };
        failureOpen = undefined;
      } else if (!closing) {
        current.status = "failed";
        if (selfClosing === "/") current.failure = { type: attrs.type ?? "Error", message: attrs.message ?? "", body: "" };
        else failureOpen = { type: attrs.type ?? "Error", message: attrs.message ?? "", start: (match.index ?? 0) + whole.length };
      }
    } else if (tag === "skipped" && !closing && current) {
      current.status = "skipped";
    }
  }
  return results;
}
