/**
 * The preload (`bun --preload`) of the processes that run a candidate's
 * examples and tests: it serves files from an overlay instead of the disk, so
 * a candidate runs exactly where it will live — its relative imports and the
 * spec module's runtime lookup (`createRequire(spec)("./__generated__/x")`)
 * reach it — while nothing is written into the project. `JAUNT_OVERLAY`
 * names a JSON file `{ "<absolute path>": "<module text>" }`.
 *
 * `installOverlay` runs in the child, not here: `overlayPreloadSource()` is
 * its own text (type-checked here, self-contained: it uses only its
 * parameters and globals), so the compiled jaunt needs no file beside it.
 */
import type * as Fs from "node:fs";
import type * as NodeModule from "node:module";
import type * as NodePath from "node:path";

function installOverlay(fs: typeof Fs, mod: typeof NodeModule, path: typeof NodePath, given?: unknown): void {
  // A Worker receives the overlay in its start message; a subprocess reads the file `JAUNT_OVERLAY` names.
  const overlayFile = process.env.JAUNT_OVERLAY;
  const parsed: unknown = given !== undefined ? given : overlayFile ? JSON.parse(fs.readFileSync(overlayFile, "utf8")) : {};
  const overlay = new Map<string, string>();
  if (typeof parsed === "object" && parsed !== null) {
    for (const [file, text] of Object.entries(parsed)) if (typeof text === "string") overlay.set(file, text);
  }
  delete process.env.JAUNT_OVERLAY;
  // Specifiers name modules without their extension (`./__generated__/slug`): map each stem to its file.
  const byStem = new Map<string, string>();
  for (const file of overlay.keys()) {
    byStem.set(file, file);
    byStem.set(file.replace(/\.[cm]?[jt]sx?$/, ""), file);
  }
  const original: unknown = Reflect.get(mod.Module, "_resolveFilename");
  if (typeof original === "function") {
    // require() (and so the runtime's createRequire lookup) resolves through Module._resolveFilename in Bun.
    Reflect.set(mod.Module, "_resolveFilename", function resolveWithOverlay(this: unknown, request: string, parent: unknown, ...rest: unknown[]): unknown {
      const from = typeof parent === "object" && parent !== null ? Reflect.get(parent, "filename") : undefined;
      const target = path.isAbsolute(request) ? request : typeof from === "string" && request.startsWith(".") ? path.resolve(path.dirname(from), request) : undefined;
      const file = target === undefined ? undefined : (byStem.get(target) ?? byStem.get(target.replace(/\.[cm]?js$/, "")));
      return file ?? Reflect.apply(original, this, [request, parent, ...rest]);
    });
  }
  const escaped = [...overlay.keys()].map((f) => f.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
  if (escaped.length === 0) return;
  Bun.plugin({
    name: "jaunt-overlay",
    setup(build) {
      build.onLoad({ filter: new RegExp(`^(?:${escaped.join("|")})$`) }, (args) => ({
        contents: overlay.get(args.path) ?? "",
        loader: args.path.endsWith(".tsx") ? "tsx" : /\.[cm]?js$/.test(args.path) ? "js" : "ts",
      }));
    },
  });
}

/** The preload file's text. */
export function overlayPreloadSource(): string {
  return `import * as fs from "node:fs";\nimport * as mod from "node:module";\nimport * as path from "node:path";\n${overlayInstallLine()}`;
}

/** The statement that installs the overlay, given `fs`, `mod` and `path` bindings in scope (and `overlayArg`, an expression for the overlay object, when it does not come from `JAUNT_OVERLAY`). */
export function overlayInstallLine(overlayArg?: string): string {
  return `(${installOverlay.toString()})(fs, mod, path${overlayArg ? `, ${overlayArg}` : ""});\n`;
}
