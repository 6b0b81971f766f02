/** Temp folders for generated-file tests: fresh per test, removed after. */
import { afterEach, beforeEach } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Registers hooks giving each test a fresh temp folder; call `dir()` inside a test. */
export function useTempDir(): () => string {
  let current = "";
  beforeEach(() => {
    current = fs.mkdtempSync(path.join(os.tmpdir(), "jaunt-"));
  });
  afterEach(() => {
    fs.rmSync(current, { recursive: true, force: true });
  });
  return () => current;
}
