/**
 * Runs in <head> before first paint: applies the stored theme (or the system's) so there is no flash.
 * Kept as a string because it must run before React hydrates anything.
 */
export const THEME_STORAGE_KEY = "s2s-theme";

export const themeScript = `(function(){try{var k=${JSON.stringify(THEME_STORAGE_KEY)};var s=localStorage.getItem(k);var m=window.matchMedia('(prefers-color-scheme: dark)').matches;var t=s==='light'||s==='dark'?s:(m?'dark':'light');var d=document.documentElement;d.dataset.theme=t;d.dataset.themeChoice=s==='light'||s==='dark'?s:'system';d.style.colorScheme=t;}catch(e){}})();`;

/** Closes the book navigation on narrow screens before paint; without JS it stays open and usable. */
export const sidebarScript = `(function(){var d=document.getElementById('book-nav-details');if(d&&window.matchMedia('(max-width: 60rem)').matches)d.open=false;})();`;
