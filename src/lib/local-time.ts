/**
 * Fills every `[data-local-for]` element with the time it names in the
 * reader's own time zone ("your time: Thu 16:00 CEST"), once, in the browser.
 */
export function localWords(iso: string, locale?: string, timeZone?: string): string {
  const d = new Date(iso);
  const f = new Intl.DateTimeFormat(locale, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short', ...(timeZone ? { timeZone } : {}) });
  return f.format(d);
}

export function showLocalTimes(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-local-for]')) {
    if (el.dataset.done) continue;
    const iso = el.dataset.localFor!;
    if (Number.isNaN(Date.parse(iso))) continue;
    el.textContent = ` (your time: ${localWords(iso)})`;
    el.hidden = false;
    el.dataset.done = '1';
  }
}
