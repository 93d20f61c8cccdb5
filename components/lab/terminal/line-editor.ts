import { complete, History, type CompletionSource } from "./completion";

/** The widget-free terminal the lab talks to (STYLE.md point 7); xterm implements it in one component. */
export interface LabTerminal {
  write(text: string): void;
  onData(listener: (data: string) => void): () => void;
}

export const PROMPT = "\x1b[1;36mlab>\x1b[0m ";

/**
 * A one-line editor over a LabTerminal: printable input, backspace, Enter, ←/→ are ignored for simplicity,
 * ↑/↓ history, Tab completion, Ctrl+C to drop the line, Ctrl+L to clear. Output written while the learner
 * types is printed above the prompt and the line is redrawn.
 */
export class LineEditor {
  private line = "";
  private readonly history = new History();
  private readonly unsubscribe: () => void;

  constructor(private readonly term: LabTerminal, private readonly source: () => CompletionSource, private readonly onLine: (line: string) => void) {
    this.unsubscribe = term.onData((data) => this.input(data));
    term.write(PROMPT);
  }

  /** Prints output without breaking the line being typed. */
  print(text: string) {
    const body = text.replace(/\r?\n/g, "\r\n");
    this.term.write(`\r\x1b[2K${body}${body.endsWith("\n") ? "" : "\r\n"}${PROMPT}${this.line}`);
  }

  private redraw() { this.term.write(`\r\x1b[2K${PROMPT}${this.line}`); }

  private input(data: string) {
    if (data === "\x1b[A") { this.line = this.history.up(this.line); this.redraw(); return; }
    if (data === "\x1b[B") { this.line = this.history.down(); this.redraw(); return; }
    if (data.startsWith("\x1b")) return; // other escape sequences (←, →, Home…) are not supported
    for (const ch of data) {
      if (ch === "\r" || ch === "\n") {
        const line = this.line;
        this.line = "";
        this.term.write("\r\n");
        this.history.push(line);
        if (line.trim()) this.onLine(line.trim());
        this.term.write(PROMPT);
      } else if (ch === "\x7f" || ch === "\b") {
        if (this.line) { this.line = this.line.slice(0, -1); this.term.write("\b \b"); }
      } else if (ch === "\t") {
        const result = complete(this.line, this.source());
        if (result.candidates.length > 1) this.print(result.candidates.join("  "));
        this.line = result.line;
        this.redraw();
      } else if (ch === "\x03") {
        this.line = ""; this.term.write("^C\r\n" + PROMPT);
      } else if (ch === "\x0c") {
        this.term.write("\x1b[2J\x1b[H"); this.redraw();
      } else if (ch >= " ") {
        this.line += ch; this.term.write(ch);
      }
    }
  }

  dispose() { this.unsubscribe(); }
}
