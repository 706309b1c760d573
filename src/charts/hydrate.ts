/**
 * Client-side enhancement of server-rendered chart figures. It only adds
 * interaction: tooltips (pointer and keyboard), a month-range control kept in
 * the URL (`?from=YYYY-MM&to=YYYY-MM`) that re-renders with the same pure
 * render function, and copy buttons for embed code. A category chart (per
 * release) has no months: it reads no range from the URL, hooks no range
 * control and hides no table rows; its tooltips step through the categories.
 * All data text goes in through textContent or our own escaped SVG parsed as
 * XML, never innerHTML.
 */
import { formatValue, keyLong, monthLong, NO_VALUE } from './format.ts';
import type { ChartInput, MonthLayout } from './frame.ts';
import { rendererFor } from './renderers.ts';
import { allMonths, clampRange, isCategoryChart, isMonth, type ChartData, type Month, type MonthRange } from './series.ts';
import { chartTable } from './table.ts';
import { textAlternative } from './text-alt.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Reads `?from`/`?to`; invalid values are ignored (the URL is user input). */
export function rangeFromSearch(search: string): MonthRange {
  const q = new URLSearchParams(search);
  const from = q.get('from');
  const to = q.get('to');
  return { from: isMonth(from) ? from : undefined, to: isMonth(to) ? to : undefined };
}

/** The query string for a range; the full range needs no parameters. */
export function searchForRange(search: string, range: { from: Month; to: Month }, months: readonly Month[]): string {
  const q = new URLSearchParams(search);
  q.delete('from');
  q.delete('to');
  if (range.from !== months[0] || range.to !== months[months.length - 1]) {
    q.set('from', range.from);
    q.set('to', range.to);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

function parseSvg(text: string): SVGSVGElement {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  return document.importNode(doc.documentElement, true) as unknown as SVGSVGElement;
}

/** One month's (or category's) values as label and formatted value: the stack total first (parts of a whole), then each series. */
export function monthValues(data: ChartData, month: Month): { label: string; value: string }[] {
  const values = data.series.map((s) => ({ label: s.label, n: s.points.find((p) => p.month === month)?.value }));
  const all = data.stackTotal ? [{ label: data.stackTotal.label, n: values.reduce((a, v) => a + (v.n ?? 0), 0) }, ...values] : values;
  return all.map((v) => ({ label: v.label, value: v.n === undefined ? NO_VALUE : formatValue(v.n) }));
}

function valuesSentence(data: ChartData, month: Month): string {
  return `${keyLong(data, month)}: ${monthValues(data, month).map((v) => `${v.label} ${v.value}`).join(', ')}.`;
}

function hydrateFigure(fig: HTMLElement): void {
  const data = JSON.parse(fig.dataset.chart ?? 'null') as ChartData | null;
  const input = JSON.parse(fig.dataset.chartOptions ?? 'null') as ChartInput | null;
  const renderer = rendererFor(fig.dataset.chartRenderer);
  const plot = fig.querySelector<HTMLElement>('.chart-plot');
  if (!data || !input || !plot) return;
  const tooltip = fig.querySelector<HTMLElement>('.chart-tooltip');
  const live = fig.querySelector<HTMLElement>('.chart-live');
  const alt = fig.querySelector<HTMLElement>('.chart-alt');
  const form = fig.querySelector<HTMLFormElement>('.chart-range');
  const fromSel = form?.querySelector<HTMLSelectElement>('select[name="from"]');
  const toSel = form?.querySelector<HTMLSelectElement>('select[name="to"]');
  const tables = document.querySelectorAll<HTMLTableElement>(`table[data-chart-table="${CSS.escape(fig.id)}"]`);
  const syncUrl = fig.hasAttribute('data-chart-url');
  // A category chart's keys are its category ids, in axis order; it has no range.
  const category = isCategoryChart(data);
  const months = category ? data.axis.categories.map((c) => c.id) : allMonths(data);
  if (!months.length) return;

  let range: MonthRange = category ? {} : clampRange(months, syncUrl ? rangeFromSearch(location.search) : {})!;
  const partial = () => !category && (range.from !== months[0] || range.to !== months[months.length - 1]);
  const base = renderer.normalise(input);
  let fitted = { width: base.width, height: base.height, maxXTicks: base.maxXTicks };
  let layout: MonthLayout = renderer.layout(data, renderer.normalise({ ...input, ...range }));
  let active: Month | undefined;

  const render = () => {
    const options = renderer.normalise({ ...input, ...fitted, ...range });
    layout = renderer.layout(data, options);
    // Replace only the svg: the tooltip lives beside it in the same container.
    const fresh = parseSvg(renderer.render(data, options));
    const current = plot.querySelector('svg');
    if (current) current.replaceWith(fresh);
    else plot.prepend(fresh);
    if (alt) alt.textContent = textAlternative(data, range);
    const model = chartTable(data, range);
    for (const table of tables) {
      if (!category) {
        for (const row of table.querySelectorAll<HTMLTableRowElement>('tbody tr[data-month]')) {
          const m = row.dataset.month ?? '';
          row.hidden = m < range.from! || m > range.to!;
        }
      }
      table.querySelectorAll<HTMLElement>('tfoot [data-col]').forEach((cell) => {
        cell.textContent = model.totals[Number(cell.dataset.col)] ?? '—';
      });
    }
    if (fromSel && range.from) fromSel.value = range.from;
    if (toSel && range.to) toSel.value = range.to;
    hide();
  };

  function hide(): void {
    active = undefined;
    plot!.querySelector('.guide')?.remove();
    if (tooltip) tooltip.hidden = true;
  }

  function show(month: Month, announce: boolean): void {
    active = month;
    const svg = plot!.querySelector('svg');
    if (!svg) return;
    const x = layout.x(month);
    let guide = svg.querySelector<SVGLineElement>('.guide');
    if (!guide) {
      guide = document.createElementNS(SVG_NS, 'line');
      guide.setAttribute('class', 'guide');
      svg.append(guide);
    }
    for (const [k, v] of Object.entries({ x1: x, x2: x, y1: layout.plot.top, y2: layout.plot.bottom })) guide.setAttribute(k, String(v));
    if (tooltip) {
      const title = document.createElement('strong');
      title.textContent = keyLong(data!, month);
      const list = document.createElement('ul');
      for (const v of monthValues(data!, month)) {
        const li = document.createElement('li');
        li.textContent = `${v.label}: ${v.value}`;
        list.append(li);
      }
      tooltip.replaceChildren(title, list);
      tooltip.hidden = false;
      const box = svg.getBoundingClientRect();
      const host = plot!.getBoundingClientRect();
      const scale = box.width / svg.viewBox.baseVal.width;
      const px = box.left - host.left + x * scale;
      tooltip.style.top = `${box.top - host.top + layout.plot.top * scale + 4}px`;
      const right = px > host.width / 2;
      tooltip.style.left = right ? '' : `${px + 12}px`;
      tooltip.style.right = right ? `${host.width - px + 12}px` : '';
    }
    if (announce && live) live.textContent = valuesSentence(data!, month);
  }

  function nearest(clientX: number): Month | undefined {
    const svg = plot!.querySelector('svg');
    const ctm = svg?.getScreenCTM();
    if (!svg || !ctm) return undefined;
    const x = new DOMPoint(clientX, 0).matrixTransform(ctm.inverse()).x;
    let best: Month | undefined;
    let dist = Infinity;
    for (const m of layout.months) {
      const d = Math.abs(layout.x(m) - x);
      if (d < dist) [best, dist] = [m, d];
    }
    return best;
  }

  plot.tabIndex = 0;
  plot.setAttribute('role', 'group');
  plot.setAttribute('aria-label', `${data.title}. Use the left and right arrow keys to read the values of each ${category ? data.axis.name : 'month'}.`);
  plot.addEventListener('pointermove', (e) => {
    const m = nearest(e.clientX);
    if (m && m !== active) show(m, false);
  });
  plot.addEventListener('pointerleave', () => {
    if (document.activeElement !== plot) hide();
  });
  plot.addEventListener('focus', () => show(active ?? layout.months[layout.months.length - 1]!, true));
  plot.addEventListener('blur', hide);
  plot.addEventListener('keydown', (e) => {
    const list = layout.months;
    const i = active ? list.indexOf(active) : list.length - 1;
    const next = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: list.length - 1 }[e.key];
    if (e.key === 'Escape') return hide();
    if (next === undefined) return;
    e.preventDefault();
    const m = list[Math.max(0, Math.min(list.length - 1, next))];
    if (m) show(m, true);
  });

  // The month range control; a category chart keeps it hidden (the page does not render one for it).
  if (form && fromSel && toSel && !category) {
    form.hidden = false;
    const apply = () => {
      const r = clampRange(months, { from: fromSel.value, to: toSel.value })!;
      range = r;
      render();
      if (syncUrl) history.replaceState(history.state, '', `${location.pathname}${searchForRange(location.search, r, months)}${location.hash}`);
      if (live) live.textContent = `Showing ${monthLong(r.from)} to ${monthLong(r.to)}.`;
    };
    fromSel.addEventListener('change', apply);
    toSel.addEventListener('change', apply);
    form.addEventListener('submit', (e) => e.preventDefault());
    form.addEventListener('reset', (e) => {
      e.preventDefault();
      fromSel.value = months[0]!;
      toSel.value = months[months.length - 1]!;
      apply();
    });
  }
  // The server SVG scales with its viewBox; once we know the real width we
  // re-render at that width so text stays at its designed size on phones too.
  const fit = () => {
    const width = Math.max(300, Math.min(Math.round(plot.clientWidth), 1200));
    if (!plot.clientWidth || Math.abs(width - fitted.width) < 24) return false;
    const height = width >= base.width ? base.height : Math.max(240, Math.round(base.height * (0.5 + (0.5 * width) / base.width)));
    fitted = { width, height, maxXTicks: Math.max(3, Math.min(base.maxXTicks, Math.floor(width / 80))) };
    return true;
  };
  if (fit() || partial()) render();
  if (typeof ResizeObserver !== 'undefined') new ResizeObserver(() => fit() && render()).observe(plot);
  fig.dataset.hydrated = 'true';
}

function hydrateCopyButton(button: HTMLButtonElement): void {
  const target = document.getElementById(button.dataset.copyTarget ?? '');
  const status = document.getElementById(button.dataset.copyStatus ?? '');
  if (!target) return;
  button.hidden = false;
  button.dataset.hydrated = 'true';
  button.addEventListener('click', async () => {
    const text = target.textContent ?? '';
    try {
      await navigator.clipboard.writeText(text);
      if (status) status.textContent = 'Embed code copied to the clipboard.';
    } catch {
      // No clipboard permission (e.g. plain http): select the code so Ctrl+C works.
      const sel = getSelection();
      const r = document.createRange();
      r.selectNodeContents(target);
      sel?.removeAllRanges();
      sel?.addRange(r);
      if (status) status.textContent = 'Press Ctrl+C (or ⌘C) to copy the selected code.';
    }
  });
}

/** Enhances every chart figure and copy button under `root` once. */
export function hydrateCharts(root: ParentNode = document): void {
  root.querySelectorAll<HTMLElement>('[data-agora-chart]:not([data-hydrated])').forEach(hydrateFigure);
  root.querySelectorAll<HTMLButtonElement>('button[data-copy-target]:not([data-hydrated])').forEach(hydrateCopyButton);
}
