import { describe, expect, test } from "bun:test";
import { criticalPathPriorities, makespanLowerBound, topologicalOrder } from "../../src/orchestration/critical-path.ts";
import { schedule, type TaskNode } from "../../src/orchestration/scheduler.ts";

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A run function whose tasks sleep for `durations[id]` ms (default 5) and fail when listed. */
function fakeRun(durations: Record<string, number>, failing: readonly string[] = []) {
  return async (id: string): Promise<"ok" | "failed"> => {
    await sleep(durations[id] ?? 5);
    return failing.includes(id) ? "failed" : "ok";
  };
}

describe("critical-path priorities", () => {
  test("longest weighted downstream path, node included", () => {
    const nodes: TaskNode[] = [
      { id: "a", deps: [], cost: 2 },
      { id: "b", deps: ["a"], cost: 3 },
      { id: "c", deps: ["a"], cost: 1 },
      { id: "d", deps: ["b", "c"], cost: 4 },
    ];
    const priority = criticalPathPriorities(nodes);
    expect(Object.fromEntries(priority)).toEqual({ a: 9, b: 7, c: 5, d: 4 });
    expect(makespanLowerBound(nodes, 1)).toBe(10);
    expect(makespanLowerBound(nodes, 8)).toBe(9);
  });

  test("deps outside the node set count as done; cycles throw", () => {
    expect(topologicalOrder([{ id: "x", deps: ["elsewhere"] }])).toEqual(["x"]);
    expect(() =>
      topologicalOrder([
        { id: "a", deps: ["b"] },
        { id: "b", deps: ["a"] },
      ]),
    ).toThrow(/cycle/);
  });
});

describe("schedule", () => {
  test("among ready tasks the longest remaining path starts first", async () => {
    const nodes: TaskNode[] = [
      { id: "leaf1", deps: [] },
      { id: "leaf2", deps: [] },
      { id: "chain1", deps: [] },
      { id: "chain2", deps: ["chain1"] },
      { id: "chain3", deps: ["chain2"] },
    ];
    const result = await schedule(nodes, { jobs: 1, run: fakeRun({}) });
    expect(result.startOrder[0]).toBe("chain1");
    // After chain1, chain2 (remaining path 2) beats the leaves (path 1).
    expect(result.startOrder[1]).toBe("chain2");
    expect(result.outcomes.every((outcome) => outcome.status === "ok")).toBe(true);
  });

  test("no barriers: a task starts as soon as its own deps are done", async () => {
    const nodes: TaskNode[] = [
      { id: "slow", deps: [] },
      { id: "a", deps: [] },
      { id: "b", deps: ["a"] },
    ];
    const result = await schedule(nodes, { jobs: 2, run: fakeRun({ slow: 120, a: 10, b: 10 }) });
    const byId = new Map(result.outcomes.map((outcome) => [outcome.id, outcome]));
    expect(byId.get("b")?.startedAt ?? Infinity).toBeLessThan(byId.get("slow")?.finishedAt ?? 0);
  });

  test("a failure skips only its transitive dependents", async () => {
    const nodes: TaskNode[] = [
      { id: "bad", deps: [] },
      { id: "child", deps: ["bad"] },
      { id: "grandchild", deps: ["child", "other"] },
      { id: "other", deps: [] },
      { id: "afterOther", deps: ["other"] },
    ];
    const result = await schedule(nodes, { jobs: 2, run: fakeRun({}, ["bad"]) });
    const status = Object.fromEntries(result.outcomes.map((outcome) => [outcome.id, outcome.status]));
    expect(status).toEqual({ bad: "failed", child: "skipped", grandchild: "skipped", other: "ok", afterOther: "ok" });
    expect(result.outcomes.find((outcome) => outcome.id === "grandchild")?.blockedBy).toBe("bad");
  });

  test("a throwing task is a failure with its error kept", async () => {
    const result = await schedule([{ id: "x", deps: [] }], {
      jobs: 1,
      run: async () => {
        throw new Error("boom");
      },
    });
    expect(result.outcomes[0]?.status).toBe("failed");
    expect(String(result.outcomes[0]?.error)).toContain("boom");
  });

  test("never more than `jobs` in flight, and the bound is used", async () => {
    const nodes = Array.from({ length: 12 }, (_, i): TaskNode => ({ id: `t${i}`, deps: [] }));
    let current = 0;
    let peak = 0;
    await schedule(nodes, {
      jobs: 3,
      run: async () => {
        current += 1;
        peak = Math.max(peak, current);
        await sleep(5);
        current -= 1;
        return "ok";
      },
    });
    expect(peak).toBe(3);
  });

  test("a released slot starts the next task; taking it back waits and goes before new starts", async () => {
    // One slot. Each task "asks the model" (holds the slot), then "validates" without it. `a` asks
    // again after validating (a retry) while `b` holds the slot and `c` is ready: when `b` lets go,
    // `a` gets the slot before `c` starts.
    const nodes = ["a", "b", "c"].map((id): TaskNode => ({ id, deps: [] }));
    const requestMs: Record<string, number> = { a: 20, b: 80, c: 10 };
    const log: string[] = [];
    let held = 0;
    let peakHeld = 0;
    let running = 0;
    let peakRunning = 0;
    const request = async (id: string): Promise<void> => {
      held += 1;
      peakHeld = Math.max(peakHeld, held);
      log.push(`${id}:request`);
      await sleep(requestMs[id] ?? 10);
      held -= 1;
    };
    const result = await schedule(nodes, {
      jobs: 1,
      run: async (id, _signal, slot) => {
        running += 1;
        peakRunning = Math.max(peakRunning, running);
        await request(id);
        slot.release();
        slot.release(); // idempotent
        await sleep(10);
        if (id === "a") {
          await slot.acquire();
          await request(id);
          slot.release();
        }
        running -= 1;
        return "ok";
      },
    });
    expect(result.outcomes.every((outcome) => outcome.status === "ok")).toBe(true);
    expect(peakHeld).toBe(1);
    // b started while a validated: more tasks running than slots.
    expect(peakRunning).toBeGreaterThan(1);
    expect(log).toEqual(["a:request", "b:request", "a:request", "c:request"]);
  });

  test("a task that finishes without releasing gives its slot back; acquire on a held slot resolves at once", async () => {
    const nodes = Array.from({ length: 4 }, (_, i): TaskNode => ({ id: `t${i}`, deps: [] }));
    let current = 0;
    let peak = 0;
    const result = await schedule(nodes, {
      jobs: 2,
      run: async (_id, _signal, slot) => {
        await slot.acquire();
        current += 1;
        peak = Math.max(peak, current);
        await sleep(5);
        current -= 1;
        return "ok";
      },
    });
    expect(result.outcomes.every((outcome) => outcome.status === "ok")).toBe(true);
    expect(peak).toBe(2);
  });

  test("stop: in-flight work finishes, nothing new starts", async () => {
    const stop = new AbortController();
    const nodes = Array.from({ length: 6 }, (_, i): TaskNode => ({ id: `t${i}`, deps: [] }));
    const result = await schedule(nodes, {
      jobs: 2,
      stopSignal: stop.signal,
      run: async () => {
        stop.abort();
        await sleep(10);
        return "ok";
      },
    });
    expect(result.stopped).toBe(true);
    expect(result.outcomes.filter((outcome) => outcome.status === "ok")).toHaveLength(2);
    expect(result.outcomes.filter((outcome) => outcome.status === "not_started")).toHaveLength(4);
  });

  test("abort: in-flight tasks that reject on the signal are interrupted", async () => {
    const abort = new AbortController();
    const result = await schedule([{ id: "x", deps: [] }, { id: "y", deps: ["x"] }], {
      jobs: 1,
      abortSignal: abort.signal,
      run: (_id, signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener("abort", () => reject(new Error("aborted")));
          setTimeout(() => abort.abort(), 5);
        }),
    });
    expect(result.outcomes.map((outcome) => outcome.status)).toEqual(["interrupted", "not_started"]);
  });

  test("canStart refusing stops scheduling; the rest is not started", async () => {
    let allowed = 2;
    const nodes = Array.from({ length: 5 }, (_, i): TaskNode => ({ id: `t${i}`, deps: [] }));
    const result = await schedule(nodes, { jobs: 1, run: fakeRun({}), canStart: () => allowed-- > 0 });
    expect(result.stopped).toBe(true);
    expect(result.outcomes.filter((outcome) => outcome.status === "ok")).toHaveLength(2);
    expect(result.outcomes.filter((outcome) => outcome.status === "not_started")).toHaveLength(3);
  });

  test("an empty graph resolves at once", async () => {
    const result = await schedule([], { jobs: 4, run: fakeRun({}) });
    expect(result.outcomes).toEqual([]);
  });
});
