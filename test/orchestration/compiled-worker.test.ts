import { afterAll, expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const REPO = path.resolve(import.meta.dir, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jaunt-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("Workers run inside a compiled executable (worker compiled in as an extra entrypoint)", async () => {
  const outfile = path.join(dir, "pool-bin");
  const compile = Bun.spawnSync(
    [process.execPath, "build", "--compile", "test/orchestration/fixtures/compiled-pool-main.ts", "src/orchestration/worker.ts", "--outfile", outfile],
    { cwd: REPO, stdout: "pipe", stderr: "pipe" },
  );
  expect(compile.exitCode, compile.stderr.toString()).toBe(0);
  // Run from an unrelated folder so nothing can be read from the source tree by accident.
  const handlers = path.join(REPO, "test/orchestration/fixtures/test-handlers.ts");
  const run = Bun.spawnSync([outfile, handlers], { cwd: dir, stdout: "pipe", stderr: "pipe" });
  expect(run.exitCode, run.stderr.toString()).toBe(0);
  const report: unknown = JSON.parse(run.stdout.toString());
  expect(report).toEqual({
    entry: expect.stringMatching(/^(\/\$bunfs\/root|B:\/~BUN\/root)\/src\/orchestration\/worker\.js$/),
    results: [{ echoed: "from-binary" }, { waited: 10 }],
    spawned: 2,
  });
}, 60_000);
