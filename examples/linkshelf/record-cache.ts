/**
 * Re-record this example's response cache (`.jaunt/cache/`) from the reviewed
 * answers in `answers/`, so `jaunt build --offline` and `jaunt test --offline`
 * run the example without a key. Run it after changing a spec, a prompt
 * template or anything else that changes the prompts:
 *
 *   bun examples/linkshelf/record-cache.ts
 *
 * A local fake OpenAI-compatible server answers each module with its file
 * from `answers/`; Jaunt validates each answer exactly as it would a model's.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { startFakeLlm } from "../../test/support/fake-llm.ts";

const here = import.meta.dir;
const main = path.resolve(here, "../../src/main.ts");

/** answers/src/text.ts → "src/text"; answers/tests/text.test.ts → "tests/text". */
function loadAnswers(): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const folder of ["src", "tests"]) {
    for (const name of readdirSync(path.join(here, "answers", folder))) {
      const module = `${folder}/${name.replace(/(\.test)?\.ts$/, "")}`;
      answers[module] = readFileSync(path.join(here, "answers", folder, name), "utf8");
    }
  }
  return answers;
}

async function jaunt(args: string[], baseUrl: string): Promise<void> {
  const child = Bun.spawn([process.execPath, main, ...args], {
    cwd: here,
    env: { ...process.env, JAUNT_LLM_BASE_URL: baseUrl, OPENAI_API_KEY: "recording-with-a-local-fake-server" },
    stdout: "inherit",
    stderr: "inherit",
  });
  const code = await child.exited;
  if (code !== 0) throw new Error(`jaunt ${args.join(" ")} exited with ${code}`);
}

const server = startFakeLlm({ defaults: loadAnswers() });
try {
  rmSync(path.join(here, ".jaunt"), { recursive: true, force: true });
  for (const generated of ["src/__generated__", "tests/__generated__"]) {
    rmSync(path.join(here, generated), { recursive: true, force: true });
  }
  await jaunt(["build", "--force"], server.url);
  await jaunt(["test"], server.url);
  console.error(`recorded ${server.requests.length} answers into ${path.join(here, ".jaunt/cache")}`);
} finally {
  await server.stop();
}
