"use client";

import { useEffect } from "react";

/**
 * Marks the table-of-contents entry of the heading being read. Progressive: without JS the TOC is a
 * plain list of links. The observer's band is the upper third of the viewport, under the sticky header.
 */
export function TocSpy() {
  useEffect(() => {
    const links = new Map<string, HTMLAnchorElement>();
    document.querySelectorAll<HTMLAnchorElement>(".toc a[href^='#']").forEach((a) => links.set(decodeURIComponent(a.hash.slice(1)), a));
    const headings = [...links.keys()].map((id) => document.getElementById(id)).filter((h): h is HTMLElement => h !== null);
    if (headings.length === 0) return;
    let current: HTMLAnchorElement | undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        const visible = entries.filter((e) => e.isIntersecting).sort((a, b) => a.boundingClientRect.top - b.boundingClientRect.top)[0];
        if (!visible) return;
        const link = links.get(visible.target.id);
        if (!link || link === current) return;
        current?.removeAttribute("aria-current");
        link.setAttribute("aria-current", "location");
        current = link;
      },
      { rootMargin: "-64px 0px -66% 0px" },
    );
    headings.forEach((h) => observer.observe(h));
    return () => observer.disconnect();
  }, []);
  return null;
}
