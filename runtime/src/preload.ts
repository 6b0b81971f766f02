/**
 * `@jaunt/runtime/preload` — registers the Bun plugin for `bun run` and
 * `bun test`: `preload = ["@jaunt/runtime/preload"]` in bunfig.toml.
 */
import jaunt from "./bun-plugin.ts";

Bun.plugin(jaunt());
