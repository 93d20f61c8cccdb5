"use client";

import { useCallback, useEffect, useState } from "react";
import type { LabFile } from "@/lib/lab/api-types";

const keyOf = (labId: string) => `s2s-lab-code:${labId}`;

/** Saved edits only for files the lab still has (a lab update may rename or drop files). */
export function mergeSaved(starter: LabFile[], saved: unknown): LabFile[] {
  if (!saved || typeof saved !== "object") return starter;
  const map = saved as Record<string, unknown>;
  return starter.map((f) => (typeof map[f.path] === "string" ? { path: f.path, source: map[f.path] as string } : f));
}

/** The learner's files for one lab, kept in localStorage across reloads. */
export function useCode(labId: string, starter: LabFile[]) {
  const [files, setFiles] = useState<LabFile[]>(starter);
  useEffect(() => {
    try { setFiles(mergeSaved(starter, JSON.parse(localStorage.getItem(keyOf(labId)) ?? "null"))); } catch { setFiles(starter); }
  }, [labId, starter]);

  const save = (next: LabFile[]) => {
    try {
      const changed = next.filter((f) => starter.find((s) => s.path === f.path)?.source !== f.source);
      if (changed.length) localStorage.setItem(keyOf(labId), JSON.stringify(Object.fromEntries(next.map((f) => [f.path, f.source]))));
      else localStorage.removeItem(keyOf(labId));
    } catch { /* storage full or disabled: the code still lives in memory */ }
  };

  const update = useCallback((path: string, source: string) => {
    setFiles((prev) => {
      if (prev.find((f) => f.path === path)?.source === source) return prev;
      const next = prev.map((f) => (f.path === path ? { path, source } : f));
      save(next);
      return next;
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [labId, starter]);

  const replaceAll = useCallback((next: LabFile[]) => {
    const merged = starter.map((s) => next.find((f) => f.path === s.path) ?? s);
    setFiles(merged);
    save(merged);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [labId, starter]);

  return { files, update, replaceAll };
}
