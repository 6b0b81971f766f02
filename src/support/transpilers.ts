/**
 * One Bun transpiler per loader, made on first use: making a Transpiler costs
 * more than scanning a small module with it (measured: ~0.45 ms a call with a
 * new one each time; preparing a 300-module run scans each spec module's
 * imports several times).
 */
type Loader = "ts" | "tsx" | "js";

const transpilers = new Map<Loader, Bun.Transpiler>();

export function transpilerFor(loader: Loader): Bun.Transpiler {
  let transpiler = transpilers.get(loader);
  if (!transpiler) transpilers.set(loader, (transpiler = new Bun.Transpiler({ loader })));
  return transpiler;
}
