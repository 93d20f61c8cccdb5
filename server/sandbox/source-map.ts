/**
 * Maps QuickJS stack frames (`    at fn (guest-bundle.js:12:5)`, 1-based line and column) back to the
 * learner's TypeScript through the esbuild source map. Node's own `module.SourceMap` decodes the map,
 * so no extra dependency is needed.
 */
import { SourceMap, type SourceMapPayload } from "node:module";
import type { SourcePosition } from "./types";

const FRAME = /\(?([^\s()]+):(\d+):(\d+)\)?\s*$/;

export class PositionMapper {
  private readonly map: SourceMap | null;

  constructor(private readonly bundleName: string, sourceMapJson: string) {
    let map: SourceMap | null = null;
    try {
      map = new SourceMap(JSON.parse(sourceMapJson) as SourceMapPayload);
    } catch {
      map = null; // a broken map only costs positions, never the run
    }
    this.map = map;
  }

  /** First frame of `stack` that lies in the learner's code (frames in host modules are skipped). */
  fromStack(stack: string): SourcePosition | null {
    for (const line of stack.split("\n").slice(0, 50)) {
      const m = FRAME.exec(line.trim());
      if (!m || m[1] !== this.bundleName) continue;
      const pos = this.map ? this.mapPosition(Number(m[2]), Number(m[3])) : null;
      if (pos) return pos;
    }
    return null;
  }

  /** 1-based generated position → 1-based original position, or null if it maps to no learner file. */
  mapPosition(line: number, column: number): SourcePosition | null {
    if (!this.map) return null;
    const entry = this.map.findEntry(line - 1, column - 1);
    if (!("originalSource" in entry) || !entry.originalSource || entry.originalSource.startsWith("<")) return null;
    // findEntry returns the nearest mapping at or before the column; keep the offset within the segment.
    const drift = entry.generatedLine === line - 1 ? Math.max(0, column - 1 - entry.generatedColumn) : 0;
    return { file: entry.originalSource, line: entry.originalLine + 1, column: entry.originalColumn + drift + 1 };
  }

  /** Rewrites every learner frame of a stack so logs show TypeScript positions. */
  rewriteStack(stack: string): string {
    return stack.split("\n").slice(0, 50).map((line) => {
      const m = FRAME.exec(line.trim());
      if (!m || m[1] !== this.bundleName) return line;
      const pos = this.mapPosition(Number(m[2]), Number(m[3]));
      return pos ? line.replace(`${m[1]}:${m[2]}:${m[3]}`, `${pos.file}:${pos.line}:${pos.column}`) : line;
    }).join("\n");
  }
}
