import { describe, expect, test } from "bun:test";
import { ChangeQueue } from "../../src/orchestration/watch/change-queue.ts";
import { isRelevant } from "../../src/orchestration/watch/watch-files.ts";
import { inFlightCounter, plainLine, stopNote, terminalView } from "../../src/cli/watch-view.ts";
import { parseConfig } from "../../src/config/load.ts";

const config = parseConfig(`version = 1\n[paths]\nsource_roots = ["src"]\ntest_roots = ["tests"]\ngenerated_dir = "gen"\n`, "/p/jaunt.toml");

describe("which saves jaunt watch reacts to", () => {
  test("specs, test specs, handwritten code, project files and prompt overrides count", () => {
    const overrides = new Set(["prompts/build.md"]);
    for (const file of ["src/slug.ts", "src/deep/x.tsx", "tests/slug.ts", "src/helper.mts", "src/legacy.js", "jaunt.toml", "tsconfig.json", "package.json", ".env", "prompts/build.md"]) {
      expect([file, isRelevant(config, file, overrides)]).toEqual([file, true]);
    }
  });

  test("a handwritten file the digests cover counts even where code otherwise does not (a dot-folder)", () => {
    expect(isRelevant(config, ".shared/width.ts", new Set([".shared/width.ts"]))).toBe(true);
    expect(isRelevant(config, ".shared/other.ts", new Set([".shared/width.ts"]))).toBe(false);
  });

  test("generated folders (Jaunt's own writes), node_modules, dot-folders and other files do not", () => {
    for (const file of ["src/gen/slug.ts", "tests/gen/slug.test.ts", "src/node_modules/x/index.ts", ".jaunt/written.json", "src/.cache/x.ts", "src/notes.md", "src/slug.ts.swp", "docs/jaunt.toml", "README.md"]) {
      expect([file, isRelevant(config, file, new Set())]).toEqual([file, false]);
    }
  });
});

describe("ChangeQueue", () => {
  test("debounces a burst into one sorted batch; wait() resolves once it is ready", async () => {
    const queue = new ChangeQueue(40);
    let ready = 0;
    queue.onReady(() => (ready += 1));
    const stop = new AbortController();
    const waited = queue.wait(stop.signal);
    queue.add("src/b.ts");
    await Bun.sleep(15);
    queue.add("src/a.ts");
    queue.add("src/b.ts");
    await Bun.sleep(15);
    expect(ready).toBe(0); // still inside the quiet time
    await waited;
    expect(ready).toBe(1);
    expect(queue.take()).toEqual(["src/a.ts", "src/b.ts"]);
    expect(queue.take()).toEqual([]);
    queue.close();
  });

  test("wait() ends when the signal aborts, with nothing pending", async () => {
    const queue = new ChangeQueue(10_000);
    const stop = new AbortController();
    const waited = queue.wait(stop.signal);
    stop.abort();
    await waited;
    expect(queue.take()).toEqual([]);
    queue.close();
  });
});

describe("plain watch lines", () => {
  test("name the files, the queue, restarts and results", () => {
    expect(plainLine({ type: "change", files: ["src/a.ts", "jaunt.toml"] })).toBe("changed: src/a.ts, jaunt.toml");
    expect(plainLine({ type: "queue", modules: ["src/a", "src/b"] })).toBe("generating 2: src/a, src/b");
    expect(plainLine({ type: "restart", modules: ["src/a"] })).toBe("restarting: src/a changed while generating");
    const message = "tests failed: 1 failing test(s) after 1 repair round(s)\n  tests/__generated__/a.test.ts: a (expected 1, received 2)";
    expect(plainLine({ type: "tests", testFiles: ["tests/__generated__/a.test.ts"], bunExitCode: 1, failed: 1, repairs: 1, message })).toBe(message);
    expect(plainLine({ type: "repair", rounds: 2, record: { round: 1, module: "src/a", side: "implementation", reason: "it adds", tests: ["a"], decidedBy: "judge" } })).toBe('repair 1/2: src/a ← 1 failing test (judge: implementation — "it adds")');
    expect(plainLine({ type: "error", error: { code: "build.locked", message: "another Jaunt run holds the build lock", hint: "wait" } })).toBe("error: another Jaunt run holds the build lock\n  hint: wait");
    expect(plainLine({ type: "start", module: "src/a" })).toBeUndefined();
    // A broken jaunt.toml saved while watching: the line names the file and line, as `jaunt build` does.
    const toml = { file: "/p/jaunt.toml", line: 38, column: 5 };
    expect(plainLine({ type: "error", error: { code: "config.invalid_toml", message: "invalid TOML syntax", location: toml } })).toBe("error: /p/jaunt.toml:38:5: invalid TOML syntax");
  });
});

describe("terminal view", () => {
  test("redraws one block in place: queue, each module's last result (generating while in flight), the last event", () => {
    const frames: string[] = [];
    const view = terminalView({ write: (text: string) => frames.push(text) }, 100);
    view.show({ type: "ready", root: "/p", folders: ["/p/src"] });
    view.show({ type: "queue", modules: ["src/a", "src/b"] });
    view.show({ type: "start", module: "src/a" });
    expect(frames.at(-1)).toContain("queue (2): src/a, src/b\n  generating src/a…\n");
    const report = { module: "src/a", kind: "build", file: "src/a.ts", generatedFile: "src/__generated__/a.ts", status: "built", reasons: [], durationMs: 1200 } as const;
    view.show({ type: "module", report });
    const last = frames.at(-1) ?? "";
    // Moves up over the previous block (4 lines) and clears it before drawing.
    expect(last.startsWith("\u001b[4F\u001b[J")).toBe(true);
    expect(last).toContain("queue (1): src/b\n  built src/a -> src/__generated__/a.ts (1.2s)\n");
  });
});

describe("the first Ctrl-C", () => {
  test("names abandoned generations only when some are in flight (none while waiting for changes)", () => {
    const inFlight = inFlightCounter();
    inFlight.see({ type: "idle", fresh: 3 });
    expect(stopNote(inFlight.count)).toBe("stopping (Ctrl-C again to abort now)");
    inFlight.see({ type: "queue", modules: ["src/a", "src/b"] });
    inFlight.see({ type: "start", module: "src/a" });
    inFlight.see({ type: "start", module: "src/b" });
    inFlight.see({ type: "module", report: { module: "src/a", kind: "build", file: "src/a.ts", generatedFile: "src/__generated__/a.ts", status: "built", reasons: [] } });
    expect(stopNote(inFlight.count)).toBe("stopping: abandoning 1 generation(s) in flight (Ctrl-C again to abort now)");
    inFlight.see({ type: "error", error: { code: "config.missing_api_key", message: "no API key" } });
    expect(inFlight.count).toBe(0);
  });
});
