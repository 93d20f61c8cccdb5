import { z } from "zod";
import { lines, textWidth } from "./text-metrics";

const messageStep = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  label: z.string().default(""),
  kind: z.enum(["request", "response", "event", "error", "self"]).default("request"),
}).strict();
const noteStep = z.object({ note: z.string().min(1), over: z.union([z.string(), z.tuple([z.string(), z.string()])]) }).strict();

export const sequenceDiagramSchema = z.object({
  caption: z.string().min(1),
  participants: z.array(z.string().min(1)).min(1).max(8),
  steps: z.array(z.union([messageStep, noteStep])).min(1).max(40),
  number: z.string().optional(),
}).strict().superRefine((value, ctx) => {
  const known = new Set(value.participants);
  value.steps.forEach((step, i) => {
    const names = "note" in step ? (Array.isArray(step.over) ? step.over : [step.over]) : [step.from, step.to];
    const field = "note" in step ? "over" : undefined;
    names.forEach((name, j) => {
      if (!known.has(name)) ctx.addIssue({ code: "custom", path: ["steps", i, field ?? (j === 0 ? "from" : "to")], message: `"${name}" is not one of participants` });
    });
  });
});
export type SequenceDiagramProps = z.input<typeof sequenceDiagramSchema>;
type Parsed = z.output<typeof sequenceDiagramSchema>;

export const SEQ = { font: 13, headerHeight: 40, rowHeight: 42, noteLine: 18, pad: 16, minGap: 120, top: 12 } as const;

export interface SeqParticipant { name: string; x: number; width: number }
export type SeqArrowKind = "request" | "response" | "event" | "error" | "self";
export interface SeqArrow { type: "arrow"; kind: SeqArrowKind; x1: number; x2: number; y: number; label: string }
export interface SeqNote { type: "note"; x: number; y: number; width: number; height: number; lines: string[] }
export interface SequenceLayout {
  width: number;
  height: number;
  participants: SeqParticipant[];
  items: (SeqArrow | SeqNote)[];
  lifelineTop: number;
  lifelineBottom: number;
}

/** Pure layout: participants in columns wide enough for every label that crosses each gap. */
export function layoutSequence(input: Parsed): SequenceLayout {
  const index = new Map(input.participants.map((name, i) => [name, i]));
  const boxWidths = input.participants.map((name) => Math.max(90, textWidth(name, SEQ.font) + 28));
  const gaps = input.participants.slice(1).map((_, i) => Math.max(SEQ.minGap, (boxWidths[i]! + boxWidths[i + 1]!) / 2 + 24));
  for (const step of input.steps) {
    if ("note" in step || step.from === step.to) continue;
    const a = Math.min(index.get(step.from)!, index.get(step.to)!);
    const b = Math.max(index.get(step.from)!, index.get(step.to)!);
    const need = textWidth(step.label, SEQ.font - 1) + 28;
    const have = gaps.slice(a, b).reduce((sum, g) => sum + g, 0);
    if (need > have) gaps[b - 1]! += need - have;
  }
  const xs: number[] = [SEQ.pad + boxWidths[0]! / 2];
  gaps.forEach((gap, i) => xs.push(xs[i]! + gap));
  const participants = input.participants.map((name, i) => ({ name, x: xs[i]!, width: boxWidths[i]! }));

  const items: (SeqArrow | SeqNote)[] = [];
  let y = SEQ.top + SEQ.headerHeight + 18;
  let rightmost = xs[xs.length - 1]! + boxWidths[boxWidths.length - 1]! / 2;
  for (const step of input.steps) {
    if ("note" in step) {
      const over = Array.isArray(step.over) ? step.over : [step.over];
      const noteLines = lines(step.note);
      const textW = Math.max(...noteLines.map((l) => textWidth(l, SEQ.font - 1))) + 20;
      const left = Math.min(...over.map((n) => xs[index.get(n)!]!));
      const right = Math.max(...over.map((n) => xs[index.get(n)!]!));
      const width = Math.max(textW, right - left + 40);
      const x = Math.max(SEQ.pad / 2, (left + right) / 2 - width / 2);
      const height = noteLines.length * SEQ.noteLine + 12;
      items.push({ type: "note", x, y: y - 8, width, height, lines: noteLines });
      rightmost = Math.max(rightmost, x + width);
      y += height + 12;
      continue;
    }
    const x1 = xs[index.get(step.from)!]!;
    const x2 = xs[index.get(step.to)!]!;
    const kind: SeqArrowKind = step.from === step.to ? "self" : step.kind;
    items.push({ type: "arrow", kind, x1, x2, y: y + 8, label: step.label });
    if (kind === "self") rightmost = Math.max(rightmost, x1 + 40 + textWidth(step.label, SEQ.font - 1) + 12);
    y += kind === "self" ? SEQ.rowHeight + 14 : SEQ.rowHeight;
  }
  const lifelineBottom = y;
  return {
    width: Math.ceil(rightmost + SEQ.pad),
    height: Math.ceil(lifelineBottom + SEQ.pad),
    participants,
    items,
    lifelineTop: SEQ.top + SEQ.headerHeight,
    lifelineBottom,
  };
}
