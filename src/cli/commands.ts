/**
 * The command table. Each command module is imported only when needed; a
 * command module itself imports nothing heavy at top level (the core it calls
 * is `await import`ed inside `run`), so `jaunt --help` stays fast.
 */
import type { SubCommandsDef } from "citty";

// citty's own table type: each command keeps its precise argument types.
export const COMMANDS: SubCommandsDef = {
  build: () => import("../commands/build.ts").then((m) => m.default),
  clean: () => import("../commands/clean.ts").then((m) => m.default),
  init: () => import("../commands/init.ts").then((m) => m.default),
  prompt: () => import("../commands/prompt.ts").then((m) => m.default),
  skill: () => import("../commands/skill.ts").then((m) => m.default),
  stamp: () => import("../commands/stamp.ts").then((m) => m.default),
  status: () => import("../commands/status.ts").then((m) => m.default),
  test: () => import("../commands/test.ts").then((m) => m.default),
  trust: () => import("../commands/trust.ts").then((m) => m.default),
  watch: () => import("../commands/watch.ts").then((m) => m.default),
};
