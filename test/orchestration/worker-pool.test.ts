import { afterEach, describe, expect, test } from "bun:test";
import path from "node:path";
import { WorkerPool } from "../../src/orchestration/worker-pool.ts";

const HANDLERS = path.join(import.meta.dir, "fixtures/test-handlers.ts");
let pool: WorkerPool | undefined;

function makePool(size: number, tasksPerWorker = 1): WorkerPool {
  pool = new WorkerPool({ size, tasksPerWorker, handlerModules: [HANDLERS] });
  return pool;
}

afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe("WorkerPool", () => {
  test("runs a task in a Worker and returns its result; events reach the caller", async () => {
    const workers = makePool(2);
    const events: unknown[] = [];
    expect(await workers.run({ type: "echo", payload: { a: [1, 2] } })).toEqual({ echoed: { a: [1, 2] } });
    expect(await workers.run({ type: "delay", payload: { ms: 5 } }, { onEvent: (e) => events.push(e) })).toEqual({ waited: 5 });
    expect(events).toEqual([{ type: "started" }]);
    // Sequential tasks reuse the one Worker: spawning is lazy.
    expect(workers.spawned).toBe(1);
  });

  test("a task calls main-thread services by name: answers and errors come back to the call that asked", async () => {
    const workers = makePool(1);
    const double = async (n: unknown) => {
      if (typeof n !== "number" || n < 0) throw new Error(`cannot double ${String(n)}`);
      return n * 2;
    };
    expect(await workers.run({ type: "ask", payload: { n: 20 } }, { calls: { double } })).toEqual({
      answers: [40, 42],
      refused: 'no main-thread service "nobody"',
      failed: "cannot double -1",
    });
  });

  test("prestart starts Workers before any task (never beyond size); tasks then reuse them", async () => {
    const workers = makePool(2);
    workers.prestart(5);
    expect(workers.spawned).toBe(2);
    await Promise.all([workers.run({ type: "echo", payload: 1 }), workers.run({ type: "echo", payload: 2 })]);
    expect(workers.spawned).toBe(2);
  });

  test("spawns at most `size` Workers and runs them in parallel", async () => {
    const workers = makePool(3);
    const started = performance.now();
    await Promise.all(Array.from({ length: 6 }, () => workers.run({ type: "delay", payload: { ms: 300 } })));
    expect(workers.spawned).toBe(3);
    // Six 300 ms tasks on three Workers take two rounds (600 ms); two Workers would need three (900 ms).
    expect(performance.now() - started).toBeLessThan(3 * 300);
  });

  test("one Worker runs several tasks at once when tasksPerWorker allows; cancelling one spares the others", async () => {
    const workers = makePool(1, 3);
    const controller = new AbortController();
    const started = performance.now();
    const cancelled = workers.run({ type: "hang", payload: null }, { signal: controller.signal });
    const runs = [workers.run({ type: "delay", payload: { ms: 400 } }), workers.run({ type: "delay", payload: { ms: 400 } })];
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ code: "orchestration.interrupted" });
    expect(await Promise.all(runs)).toEqual([{ waited: 400 }, { waited: 400 }]);
    expect(workers.spawned).toBe(1);
    // Both 400 ms tasks ran side by side in the one Worker (in turn they would take 800 ms).
    expect(performance.now() - started).toBeLessThan(2 * 400);
  });

  test("a handler's slot.release()/acquire() reach the caller's slot; acquire waits for the grant", async () => {
    const workers = makePool(1);
    const calls: string[] = [];
    let grant: (() => void) | undefined;
    const slot = {
      release: () => void calls.push("release"),
      acquire: () =>
        new Promise<void>((resolve) => {
          calls.push("acquire");
          grant = resolve;
        }),
    };
    const checkSlot = { release: () => void calls.push("check-"), acquire: async () => void calls.push("check+") };
    const run = workers.run({ type: "handoff", payload: { ms: 20 } }, { slot, checkSlot });
    while (!grant) await Bun.sleep(5);
    let settled = false;
    void run.then(() => (settled = true));
    await Bun.sleep(100);
    // Waiting for the grant: the task has not gone on.
    expect(settled).toBe(false);
    expect(calls).toEqual(["release", "acquire"]);
    grant();
    expect(await run).toEqual({ seen: ["released", "acquired", "checking"] });
    expect(calls).toEqual(["release", "acquire", "release", "check+", "check-"]);
  });

  test("without a slot from the caller, a handler's slot calls are no-ops", async () => {
    expect(await makePool(1).run({ type: "handoff", payload: { ms: 1 } })).toEqual({ seen: ["released", "acquired", "checking"] });
  });

  test("a handler error rejects only that task, with its code", async () => {
    const workers = makePool(1);
    const failed = workers.run({ type: "fail", payload: null });
    await expect(failed).rejects.toMatchObject({ message: "handler said no", code: "test.fail" });
    await failed.catch(() => {});
    expect(await workers.run({ type: "echo", payload: 1 })).toEqual({ echoed: 1 });
  });

  test("an unknown task type is an error", async () => {
    const workers = makePool(1);
    await expect(workers.run({ type: "nope", payload: null })).rejects.toThrow(/unknown worker task type "nope"/);
  });

  test("a crashing Worker fails only its task and is replaced", async () => {
    const workers = makePool(1);
    await expect(workers.run({ type: "crash", payload: null })).rejects.toMatchObject({ code: "generation.worker_crashed" });
    await Bun.sleep(50);
    expect(await workers.run({ type: "echo", payload: "after" })).toEqual({ echoed: "after" });
    expect(workers.spawned).toBe(2);
  });

  test("aborting abandons a running task at once and frees its slot", async () => {
    const workers = makePool(1);
    const controller = new AbortController();
    const hung = workers.run({ type: "hang", payload: null }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(hung).rejects.toMatchObject({ code: "orchestration.interrupted" });
    await hung.catch(() => {});
    expect(await workers.run({ type: "echo", payload: 2 })).toEqual({ echoed: 2 });
  });

  test("close rejects queued work and later runs", async () => {
    const workers = makePool(1);
    const running = workers.run({ type: "hang", payload: null });
    const queued = workers.run({ type: "echo", payload: 3 });
    await workers.close();
    await expect(running).rejects.toMatchObject({ code: "orchestration.pool_closed" });
    await expect(queued).rejects.toMatchObject({ code: "orchestration.pool_closed" });
    await expect(workers.run({ type: "echo", payload: 4 })).rejects.toMatchObject({ code: "orchestration.pool_closed" });
  });
});
