/**
 * AMQP 0-9-1 topic matching (RabbitMQ semantics): keys are words separated by '.', in a binding key
 * '*' matches exactly one word and '#' matches zero or more words.
 */
export function splitKey(key: string): string[] {
  return key.split(".");
}

export function topicMatches(bindingKey: string | string[], routingKey: string | string[]): boolean {
  const pattern = typeof bindingKey === "string" ? splitKey(bindingKey) : bindingKey;
  const words = typeof routingKey === "string" ? splitKey(routingKey) : routingKey;
  return matchFrom(pattern, 0, words, 0);
}

function matchFrom(pattern: string[], pi: number, words: string[], wi: number): boolean {
  while (pi < pattern.length) {
    const token = pattern[pi]!;
    if (token === "#") {
      while (pi + 1 < pattern.length && pattern[pi + 1] === "#") pi++; // "#.#" ≡ "#"
      if (pi === pattern.length - 1) return true;
      for (let skip = wi; skip <= words.length; skip++) {
        if (matchFrom(pattern, pi + 1, words, skip)) return true;
      }
      return false;
    }
    if (wi >= words.length) return false;
    if (token !== "*" && token !== words[wi]) return false;
    pi++;
    wi++;
  }
  return wi === words.length;
}
