/** `bun pm pack` of a package folder into a destination; returns the tarball's path. */
import { mkdir } from "node:fs/promises";
import path from "node:path";

export async function packFolder(packageDir: string, destination: string): Promise<string> {
  await mkdir(destination, { recursive: true });
  const child = Bun.spawn([process.execPath, "pm", "pack", "--quiet", "--ignore-scripts", "--destination", destination], {
    cwd: packageDir,
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, NO_COLOR: "1" },
  });
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  if (code !== 0) throw new Error(`bun pm pack in ${packageDir} failed (${code}): ${stderr.trim()}`);
  // --quiet prints only the tarball's file name (a path on some versions).
  const name = stdout.trim().split("\n").pop()?.trim() ?? "";
  if (name === "") throw new Error(`bun pm pack in ${packageDir} printed no file name`);
  return path.resolve(destination, path.basename(name));
}
