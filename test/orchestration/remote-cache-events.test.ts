/** A run's handling of remote-cache events: one warning for an unusable remote, later modules skip it. */
import { expect, test } from "bun:test";
import type { GenerationSettings } from "../../src/generation/types.ts";
import { remoteCacheEvents } from "../../src/orchestration/remote-cache-events.ts";
import { testSettings } from "../support/generation-project.ts";

const remoteCache = { url: "http://cache.test", team: "t", tokenEnv: "T", readOnly: false, timeoutMs: 100 };
const base: GenerationSettings = { ...testSettings("/p", "http://llm.test/v1"), remoteCache };

test("the first 'off' event warns once and turns reads off; later ones (uploads too) add nothing", () => {
  const shown: string[] = [];
  const events = remoteCacheEvents((message) => shown.push(message));
  let settings = events.observe({ type: "remote_cache", module: "a", message: "remote cache at http://cache.test could not be reached", off: "reads" }, base);
  expect(settings.remoteCache).toBeUndefined();
  settings = events.observe({ type: "remote_cache", module: "b", message: "remote cache at http://cache.test did not answer", off: "uploads" }, settings);
  settings = events.observe({ type: "remote_cache", module: "c", message: "remote cache at http://cache.test could not be reached", off: "reads" }, settings);
  expect(shown).toEqual(["remote cache at http://cache.test could not be reached"]);
  expect(events.warnings).toEqual(shown);
});

test("a refused upload makes later modules read-only; a refused entry warns for itself and changes nothing", () => {
  const events = remoteCacheEvents(undefined);
  const readOnly = events.observe({ type: "remote_cache", module: "a", message: "upload refused", off: "uploads" }, base);
  expect(readOnly.remoteCache).toEqual({ ...remoteCache, readOnly: true });
  const same = events.observe({ type: "remote_cache", module: "b", message: "entry 1 refused" }, readOnly);
  expect(same).toBe(readOnly);
  events.observe({ type: "remote_cache", module: "c", message: "entry 2 refused" }, same);
  expect(events.warnings).toEqual(["upload refused", "entry 1 refused", "entry 2 refused"]);
  expect(events.observe({ type: "attempt", module: "d", attempt: 1 }, base)).toBe(base);
});
