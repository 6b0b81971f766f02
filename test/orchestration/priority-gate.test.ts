import { expect, test } from "bun:test";
import { PriorityGate } from "../../src/orchestration/priority-gate.ts";

test("at most `size` holders; waiters are served highest priority first, ties first come", async () => {
  const gate = new PriorityGate(1);
  const order: string[] = [];
  const first = gate.slot(1);
  await first.acquire();
  const waiting = [gate.slot(5), gate.slot(9), gate.slot(5)].map((slot, i) => ({ slot, name: ["a5", "b9", "c5"][i] ?? "" }));
  const done = waiting.map(({ slot, name }) =>
    slot.acquire().then(() => {
      order.push(name);
      slot.release();
    }),
  );
  await Bun.sleep(5);
  expect(order).toEqual([]); // the gate is held
  first.release();
  first.release(); // idempotent: frees one place, not two
  await Promise.all(done);
  expect(order).toEqual(["b9", "a5", "c5"]);
});

test("dispose leaves the queue or gives back what is held; acquire twice waits once", async () => {
  const gate = new PriorityGate(1);
  const holder = gate.slot(0);
  await holder.acquire();
  const quitter = gate.slot(10);
  let quitterGot = false;
  void quitter.acquire().then(() => (quitterGot = true));
  const patient = gate.slot(1);
  const twice = [patient.acquire(), patient.acquire()];
  quitter.dispose();
  holder.dispose();
  await Promise.all(twice);
  expect(quitterGot).toBe(false);
  // patient holds the only place: a new comer waits until it is disposed.
  let late = false;
  const latecomer = gate.slot(100);
  void latecomer.acquire().then(() => (late = true));
  await Bun.sleep(5);
  expect(late).toBe(false);
  patient.dispose();
  await Bun.sleep(0);
  expect(late).toBe(true);
});
