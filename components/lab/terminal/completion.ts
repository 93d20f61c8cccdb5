/** What tab completion knows: the lab's commands and the names they take. */
export interface CompletionSource { commands: string[]; names: string[] }

/** The verbs of a lab's command usages: "kill <instance>" → "kill"; "pause <i> | resume <i>" → both. */
export function verbsOf(usages: string[]): string[] {
  const verbs = new Set<string>(["help", "clear"]);
  for (const usage of usages) for (const part of usage.split("|")) {
    const verb = part.trim().split(/\s+/)[0];
    if (verb && /^[a-z][a-z-]*$/.test(verb)) verbs.add(verb);
  }
  return [...verbs].sort();
}

function commonPrefix(words: string[]): string {
  if (!words.length) return "";
  let prefix = words[0] as string;
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/**
 * Completes the last word of `line`: a command in first position, a service/instance name after it
 * (names inside `a->b` and `a,b` complete too). Returns the new line and, when ambiguous, the candidates.
 */
export function complete(line: string, source: CompletionSource): { line: string; candidates: string[] } {
  const match = /^(.*?)([A-Za-z0-9_.-]*)$/.exec(line) as RegExpExecArray;
  const head = match[1] ?? "", word = match[2] ?? "";
  const firstWord = !head.trim();
  const pool = firstWord ? source.commands : source.names;
  const candidates = [...new Set(pool.filter((c) => c.startsWith(word)))].sort();
  if (candidates.length === 0) return { line, candidates: [] };
  if (candidates.length === 1) return { line: `${head}${candidates[0]}${/->$|,$/.test(candidates[0] as string) ? "" : " "}`, candidates: [] };
  const prefix = commonPrefix(candidates);
  return { line: `${head}${prefix.length > word.length ? prefix : word}`, candidates };
}

/** Up/down history, like a shell: duplicates of the previous line are not stored. */
export class History {
  private readonly lines: string[] = [];
  private cursor = 0;
  private draft = "";
  constructor(private readonly max = 200) {}
  push(line: string) {
    if (line.trim() && this.lines[this.lines.length - 1] !== line) this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
    this.cursor = this.lines.length;
    this.draft = "";
  }
  up(current: string): string {
    if (this.cursor === this.lines.length) this.draft = current;
    this.cursor = Math.max(0, this.cursor - 1);
    return this.lines[this.cursor] ?? current;
  }
  down(): string {
    this.cursor = Math.min(this.lines.length, this.cursor + 1);
    return this.cursor === this.lines.length ? this.draft : (this.lines[this.cursor] as string);
  }
}
