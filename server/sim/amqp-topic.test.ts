import { describe, expect, it } from "vitest";
import { topicMatches } from "./amqp-topic";

describe("AMQP topic matching", () => {
  // Cases from the RabbitMQ tutorial 5 ("quick.orange.rabbit" …) and the AMQP 0-9-1 spec.
  const cases: [string, string, boolean][] = [
    ["*.orange.*", "quick.orange.rabbit", true],
    ["*.*.rabbit", "quick.orange.rabbit", true],
    ["lazy.#", "lazy.orange.elephant", true],
    ["*.orange.*", "quick.orange.fox", true],
    ["lazy.#", "lazy.brown.fox", true],
    ["*.*.rabbit", "lazy.pink.rabbit", true],
    ["*.orange.*", "quick.brown.fox", false],
    ["*.orange.*", "orange", false],
    ["*.orange.*", "quick.orange.male.rabbit", false],
    ["lazy.#", "lazy.orange.male.rabbit", true],
    ["lazy.#", "lazy", true],
    ["#", "anything.at.all", true],
    ["#", "", true],
    ["orders.#.eu", "orders.eu", true],
    ["orders.#.eu", "orders.created.priority.eu", true],
    ["orders.#.eu", "orders.created.us", false],
    ["orders.*", "orders", false],
    ["orders.*", "orders.created", true],
    ["orders.*", "orders.created.v2", false],
    ["#.#.x", "x", true],
    ["a.*.#", "a", false],
    ["a.*.#", "a.b", true],
    ["a.*.#", "a.b.c.d", true],
    ["stock.usd.nyse", "stock.usd.nyse", true],
    ["stock.usd.nyse", "stock.eur.nyse", false],
  ];
  for (const [binding, key, expected] of cases) {
    it(`${binding} ${expected ? "matches" : "does not match"} "${key}"`, () => {
      expect(topicMatches(binding, key)).toBe(expected);
    });
  }
});
