/**
 * "Did you mean …?" suggestions for unknown config keys, commands and flags.
 */

/**
 * Optimal string alignment distance (Damerau–Levenshtein where each substring
 * is edited at most once): insertions, deletions, substitutions and swaps of
 * two adjacent characters each cost 1, so `jbos` → `jobs` is 1.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows: the swap rule looks two rows back.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (before[j - 2] ?? 0) + 1);
      }
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] ?? 0;
}

/** How many edits still count as a typo: 1 for short words, up to 3 for long ones. */
function threshold(length: number): number {
  if (length <= 3) return 1;
  if (length <= 6) return 2;
  return 3;
}

/**
 * The candidate closest to `input` (case-insensitive), or undefined when none
 * is close enough to be a plausible typo. Ties go to the earlier candidate.
 *
 * @example didYouMean("biuld", ["build", "test"]) // "build"
 */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  if (needle.length === 0) return undefined;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const hay = candidate.toLowerCase();
    if (hay === needle) return candidate;
    const distance = editDistance(needle, hay);
    // A short input must not match everything: the allowed distance also
    // stays below the shorter word's length.
    const allowed = Math.min(threshold(Math.max(needle.length, hay.length)), Math.min(needle.length, hay.length) - 1);
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // Prefix typing (`--verb` for `--verbose`) is a common miss that edit distance undervalues.
  if (best === undefined && needle.length >= 3) {
    best = candidates.find((candidate) => candidate.toLowerCase().startsWith(needle));
  }
  return best;
}
