/**
 * Provider-layer overhead: the same completions through Jaunt's chat client
 * (raw body read and interpreted by Jaunt, error bodies kept whole) and
 * through the bare `openai` SDK (`create()` parses the JSON), against the fake
 * server in the same run. Prints per-request times and their ratio.
 *
 *   bun bench/provider-overhead.ts [--requests 300] [--kb 8]
 */
import OpenAI from "openai";
import { parseArgs } from "node:util";
import { createChatClient } from "../src/generation/llm/chat-client.ts";
import { resolveEndpoint } from "../src/generation/llm/endpoint.ts";
import { startFakeLlm, fence } from "../test/support/fake-llm.ts";
import { testLlmConfig } from "../test/support/generation-project.ts";

const { values } = parseArgs({ options: { requests: { type: "string", default: "300" }, kb: { type: "string", default: "8" } } });
const requests = Number(values.requests);
const answer = fence(`export const x = ${JSON.stringify("y".repeat(Number(values.kb) * 1024))};`);
const llm = startFakeLlm();
llm.respond(() => answer);
const messages = [{ role: "user" as const, content: "# Implement module `src/x`" }];

const config = testLlmConfig({ baseUrl: llm.url, temperature: undefined });
const jaunt = createChatClient(config, resolveEndpoint(config, { JAUNT_TEST_KEY: "k" }));
const sdk = new OpenAI({ apiKey: "k", baseURL: llm.url, maxRetries: 0 });

/** ms per request of `rounds` alternating rounds (so warm-up and machine load hit both alike): the median round. */
async function measure(once: () => Promise<number>, perRound: number): Promise<number> {
  const started = performance.now();
  let chars = 0;
  for (let i = 0; i < perRound; i++) chars += await once();
  if (chars !== perRound * answer.length) throw new Error("wrong answer length");
  return (performance.now() - started) / perRound;
}

const bareOnce = async (): Promise<number> => (await sdk.chat.completions.create({ model: "m", messages })).choices[0]?.message.content?.length ?? 0;
const oursOnce = async (): Promise<number> => (await jaunt.complete(messages)).text.length;
for (let i = 0; i < 30; i++) await Promise.all([bareOnce(), oursOnce()]); // warm-up
const rounds = 7;
const times = { bare: [] as number[], ours: [] as number[] };
for (let round = 0; round < rounds; round++) {
  times.bare.push(await measure(bareOnce, Math.ceil(requests / rounds)));
  times.ours.push(await measure(oursOnce, Math.ceil(requests / rounds)));
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const bare = median(times.bare);
const ours = median(times.ours);
console.log(`openai SDK create()   ${bare.toFixed(3)} ms/request (median of ${rounds} rounds)`);
console.log(`jaunt chat client     ${ours.toFixed(3)} ms/request`);
console.log(`ratio jaunt / sdk: ${(ours / bare).toFixed(2)}× (${requests} requests each, ${values.kb} KB answers)`);
await llm.stop();
