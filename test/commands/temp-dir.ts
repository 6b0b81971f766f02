/** Fresh temporary folders outside the repo, removed after each test file. */
import { afterAll } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Returns a function that makes a new empty temp folder; all are removed after the file's tests. */
export function useTempDirs(): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "jaunt-")));
    made.push(dir);
    return dir;
  };
}
