/**
 * A word-level diff of two meaning texts, for `status` reasons: words are
 * the texts' space-separated tokens; removed runs print as `[-old words-]`,
 * added runs as `{+new words+}` (git's `--word-diff` notation), with a few
 * unchanged words around each change and `…` for the rest.
 */

/** Longest-common-subsequence table is bounded: past this, the changed middle is shown as one replacement. */
const MAX_CELLS = 250_000;

type Op = { readonly kind: "same" | "removed" | "added"; readonly word: string };

function lcsOps(a: readonly string[], b: readonly string[]): Op[] {
  if (a.length * b.length > MAX_CELLS) return [...a.map((word): Op => ({ kind: "removed", word })), ...b.map((word): Op => ({ kind: "added", word }))];
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j] ? (table[(i + 1) * width + j + 1] ?? 0) + 1 : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: "same", word: a[i] ?? "" });
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || (table[i * width + j + 1] ?? 0) >= (table[(i + 1) * width + j] ?? 0))) {
      ops.push({ kind: "added", word: b[j] ?? "" });
      j++;
    } else {
      ops.push({ kind: "removed", word: a[i] ?? "" });
      i++;
    }
  }
  return ops;
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== "");
}

/** The changed words of `after` against `before`, with `context` words around each change; "" when equal. */
export function wordDiff(before: string, after: string, context = 4): string {
  const a = words(before);
  const b = words(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  if (start === a.length && start === b.length) return "";
  const ops: Op[] = [
    ...a.slice(0, start).map((word): Op => ({ kind: "same", word })),
    ...lcsOps(a.slice(start, a.length - end), b.slice(start, b.length - end)),
    ...a.slice(a.length - end).map((word): Op => ({ kind: "same", word })),
  ];
  const keep = new Set<number>();
  ops.forEach((op, index) => {
    if (op.kind === "same") return;
    for (let k = Math.max(0, index - context); k <= Math.min(ops.length - 1, index + context); k++) keep.add(k);
  });
  const parts: string[] = [];
  let skipped = false;
  for (let index = 0; index < ops.length; index++) {
    const op = ops[index];
    if (!op) continue;
    if (!keep.has(index)) {
      if (!skipped) parts.push("…");
      skipped = true;
      continue;
    }
    skipped = false;
    if (op.kind === "same") {
      parts.push(op.word);
      continue;
    }
    // Gather the run of removed and added words at this point.
    const removed: string[] = [];
    const added: string[] = [];
    while (index < ops.length && ops[index]?.kind !== "same") {
      const current = ops[index];
      if (current?.kind === "removed") removed.push(current.word);
      else if (current) added.push(current.word);
      index++;
    }
    index--;
    if (removed.length > 0) parts.push(`[-${removed.join(" ")}-]`);
    if (added.length > 0) parts.push(`{+${added.join(" ")}+}`);
  }
  return parts.join(" ");
}
