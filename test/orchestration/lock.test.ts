import { afterEach, describe, expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { acquireBuildLock, lockPath } from "../../src/orchestration/lock.ts";

const dirs: string[] = [];
function tempRoot(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jaunt-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A pid that certainly is not running: a child that already exited. */
function deadPid(): number {
  const child = Bun.spawnSync(["true"]);
  return child.pid;
}

describe("build lock", () => {
  test("taken exclusively with its owner recorded; a second taker is refused; release frees it", () => {
    const root = tempRoot();
    const lock = acquireBuildLock(root, "jaunt build");
    const written: unknown = JSON.parse(fs.readFileSync(lockPath(root), "utf8"));
    expect(written).toMatchObject({ pid: process.pid, hostname: os.hostname(), command: "jaunt build" });
    let refusal: unknown;
    try {
      acquireBuildLock(root, "jaunt test");
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: "build.locked", exitCode: 2 });
    expect(String(refusal)).toContain(`pid ${process.pid}`);
    expect(String(refusal)).toContain(lockPath(root));
    lock.release();
    expect(fs.existsSync(lockPath(root))).toBe(false);
    acquireBuildLock(root, "jaunt build").release();
  });

  test("a lock left by a dead process on this host is recovered with a warning", () => {
    const root = tempRoot();
    fs.mkdirSync(path.join(root, ".jaunt"));
    const pid = deadPid();
    fs.writeFileSync(lockPath(root), JSON.stringify({ pid, hostname: os.hostname(), startedAt: "x", command: "jaunt build" }));
    const lock = acquireBuildLock(root, "jaunt build");
    expect(lock.warning).toContain(`process ${pid} is no longer running`);
    lock.release();
  });

  test("a lock from another host is respected; an old unreadable one is recovered", () => {
    const root = tempRoot();
    fs.mkdirSync(path.join(root, ".jaunt"));
    fs.writeFileSync(lockPath(root), JSON.stringify({ pid: deadPid(), hostname: "elsewhere", startedAt: "x", command: "c" }));
    expect(() => acquireBuildLock(root, "jaunt build")).toThrow(/holds the build lock/);
    fs.writeFileSync(lockPath(root), "{tor");
    expect(() => acquireBuildLock(root, "jaunt build")).toThrow(/holds the build lock/);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockPath(root), old, old);
    const lock = acquireBuildLock(root, "jaunt build");
    expect(lock.warning).toContain("unreadable");
    lock.release();
  });

  test("released when the process exits without releasing", () => {
    const root = tempRoot();
    const script = `import { acquireBuildLock } from ${JSON.stringify(path.resolve(import.meta.dir, "../../src/orchestration/lock.ts"))};
acquireBuildLock(${JSON.stringify(root)}, "jaunt build"); process.exit(3);`;
    const child = Bun.spawnSync([process.execPath, "-e", script]);
    expect(child.exitCode).toBe(3);
    expect(fs.existsSync(lockPath(root))).toBe(false);
  });
});

describe("Ctrl-C", () => {
  const CHILD = path.join(import.meta.dir, "fixtures/interrupt-child.ts");

  async function startChild(root: string, mode: string) {
    const child = Bun.spawn([process.execPath, CHILD, root, mode], { stdout: "pipe", stderr: "pipe" });
    const reader = child.stdout.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain("ready");
    expect(fs.existsSync(lockPath(root))).toBe(true);
    return child;
  }

  test("first SIGINT stops gracefully: lock released, exit 130", async () => {
    const root = tempRoot();
    const child = await startChild(root, "graceful");
    child.kill("SIGINT");
    expect(await child.exited).toBe(130);
    expect(await new Response(child.stderr).text()).toContain("stopping");
    expect(fs.existsSync(lockPath(root))).toBe(false);
  });

  test("second SIGINT aborts at once, still releasing the lock", async () => {
    const root = tempRoot();
    const child = await startChild(root, "hang");
    child.kill("SIGINT");
    await Bun.sleep(100);
    child.kill("SIGINT");
    await child.exited;
    expect(child.signalCode).toBe("SIGINT");
    expect(fs.existsSync(lockPath(root))).toBe(false);
  });
});
