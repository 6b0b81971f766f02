/** Progress and summary lines on stderr: Bun paints console.error red on a terminal; Jaunt's lines must not come out red. */
import { expect, test } from "bun:test";
import { progressText } from "../../src/cli/output.ts";

const DEFAULT_FOREGROUND = "\u001b[39m";

test("on a terminal a stderr line starts by ending Bun's red; piped or with NO_COLOR it is left as written", () => {
  expect(progressText("build ok: 1 built\n", true, {})).toBe(`${DEFAULT_FOREGROUND}build ok: 1 built`);
  expect(progressText("build ok: 1 built\n", false, {})).toBe("build ok: 1 built");
  expect(progressText("build ok: 1 built", true, { NO_COLOR: "1" })).toBe("build ok: 1 built");
});

// `script` (util-linux) gives the child a terminal; without it this check cannot run.
const script = Bun.which("script");
test.skipIf(script === null)("Bun still paints console.error red on a terminal (the reason for the reset; recheck when Bun changes)", async () => {
  const child = Bun.spawn([script ?? "script", "-qc", `${process.execPath} -e 'console.error("x")'`, "/dev/null"], {
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined },
    stdout: "pipe",
    stderr: "pipe",
  });
  const out = await new Response(child.stdout).text();
  await child.exited;
  expect(out).toContain("\u001b[31mx");
});
