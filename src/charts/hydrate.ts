/**
 * Client-side enhancement of server-rendered chart figures. It only adds
 * interaction: tooltips (pointer and keyboard), a month-range control kept in
 * the URL (`?from=YYYY-MM&to=YYYY-MM`) that re-renders with the same pure
 * render function, the view controls a chart declares (measure, smoothing,
 * log scale, series shown; src/charts/views.ts), also kept in the URL, and
 * copy buttons for embed code. The embed code, its preview links and the
 * downloads follow the view and months shown (downloads then come from the
 * browser, with the same export functions the build uses). A category chart (per
 * release) has no months: it reads no range from the URL, hooks no range
 * control and hides no table rows; its tooltips step through the categories.
 * All data text goes in through textContent or our own escaped SVG parsed as
 * XML, never innerHTML.
 */
import { formatValue, keyLong, monthLong, NO_VALUE } from './format.ts';
import type { ChartInput, MonthLayout } from './frame.ts';
import { rendererFor } from './renderers.ts';
import { allMonths, clampRange, isCategoryChart, isMonth, type ChartData, type Month, type MonthRange } from './series.ts';
import { embedSnippet } from './embed-code.ts';
import { toCsv, toJson, toStandaloneSvg } from './export.ts';
import { chartTable, type ChartTable as ChartTableModel } from './table.ts';
import { textAlternative } from './text-alt.ts';
import { pickSeries, rangeChanges, searchForViewState, viewKey, viewStateFromSearch, type ChartControls, type ChartViewState } from './views.ts';

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

/** Fills a chart's data table in place from its model (a view other than the one the page was built with). */
function fillTable(table: HTMLTableElement, model: ChartTableModel): void {
  const cell = (tag: 'th' | 'td', text: string, attrs: Record<string, string> = {}) => {
    const el = document.createElement(tag);
    el.textContent = text;
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    return el;
  };
  const row = (...cells: HTMLElement[]) => {
    const tr = document.createElement('tr');
    tr.append(...cells);
    return tr;
  };
  const caption = table.querySelector('caption') ?? table.createCaption();
  caption.textContent = model.caption;
  table.closest('[role="region"]')?.setAttribute('aria-label', model.caption);
  table.tHead?.replaceChildren(row(cell('th', model.axisLabel, { scope: 'col' }), ...model.columns.map((c) => cell('th', c.label, { scope: 'col', class: 'num' }))));
  table.tBodies[0]?.replaceChildren(
    ...model.rows.map((r) => {
      const tr = row(cell('th', r.label, { scope: 'row' }), ...r.cells.map((c) => cell('td', c, { class: 'num' })));
      tr.dataset.month = r.month;
      return tr;
    }),
  );
  table.tFoot?.replaceChildren(row(cell('th', 'Total', { scope: 'row' }), ...model.totals.map((t, i) => cell('td', t ?? NO_VALUE, { class: 'num', 'data-col': String(i) }))));
  const note = table.parentElement?.querySelector<HTMLElement>('.chart-note');
  if (note) {
    note.textContent = model.note ?? '';
    note.hidden = !model.note;
  }
}

function hydrateFigure(fig: HTMLElement): void {
  const built = JSON.parse(fig.dataset.chart ?? 'null') as ChartData | null;
  const input = JSON.parse(fig.dataset.chartOptions ?? 'null') as ChartInput | null;
  const controls = JSON.parse(fig.dataset.chartControls ?? 'null') as ChartControls | null;
  const variants = JSON.parse(fig.dataset.chartVariants ?? 'null') as Record<string, ChartData> | null;
  const renderer = rendererFor(fig.dataset.chartRenderer);
  const plot = fig.querySelector<HTMLElement>('.chart-plot');
  if (!built || !input || !plot) return;
  const tooltip = fig.querySelector<HTMLElement>('.chart-tooltip');
  const live = fig.querySelector<HTMLElement>('.chart-live');
  const alt = fig.querySelector<HTMLElement>('.chart-alt');
  const title = fig.querySelector<HTMLElement>('.chart-title');
  const source = fig.querySelector<HTMLElement>('.chart-source');
  const changeList = fig.querySelector<HTMLElement>('.chart-change ul');
  const form = fig.querySelector<HTMLFormElement>('.chart-range');
  const viewForm = fig.querySelector<HTMLFormElement>('.chart-view');
  const fromSel = form?.querySelector<HTMLSelectElement>('select[name="from"]');
  const toSel = form?.querySelector<HTMLSelectElement>('select[name="to"]');
  const tables = document.querySelectorAll<HTMLTableElement>(`table[data-chart-table="${CSS.escape(fig.id)}"]`);
  const embeds = document.querySelectorAll<HTMLElement>(`[data-embed-for="${CSS.escape(fig.id)}"]`);
  const downloads = fig.querySelectorAll<HTMLAnchorElement>('a[data-download]');
  const syncUrl = fig.hasAttribute('data-chart-url');
  // A category chart's keys are its category ids, in axis order; it has no range.
  const category = isCategoryChart(built);
  const months = category ? built.axis.categories.map((c) => c.id) : allMonths(built);
  if (!months.length) return;

  // The view: what the controls (or an embed's address) ask for; the page was built with the default one.
  const seriesIds = built.series.map((s) => s.id);
  let state: ChartViewState = controls ? viewStateFromSearch(syncUrl ? location.search : '', controls, seriesIds) : { view: {}, scale: 'linear' };
  const viewQuery = (search: string) => (controls ? searchForViewState(search, state, controls) : search);
  const dataFor = (s: ChartViewState) => pickSeries((controls && variants?.[viewKey(controls.views, s.view)]) || built, s.series);
  let data = dataFor(state);
  const customView = () => viewQuery('') !== '';

  let range: MonthRange = category ? {} : clampRange(months, syncUrl ? rangeFromSearch(location.search) : {})!;
  const partial = () => !category && (range.from !== months[0] || range.to !== months[months.length - 1]);
  const base = renderer.normalise(input);
  let fitted = { width: base.width, height: base.height, maxXTicks: base.maxXTicks };
  const optionsNow = () => renderer.normalise({ ...input, ...fitted, ...range, yScale: state.scale });
  let layout: MonthLayout = renderer.layout(data, optionsNow());
  let active: Month | undefined;
  const blobs: string[] = [];

  /** The embed code, preview links and downloads follow the view and months shown. */
  const syncLinks = () => {
    const query = viewQuery(category ? '' : searchForRange('', range as { from: Month; to: Month }, months));
    for (const el of embeds) {
      if (el instanceof HTMLAnchorElement) {
        el.dataset.embedBase ??= el.getAttribute('href') ?? '';
        el.href = `${el.dataset.embedBase}${query}`;
      } else if (el.dataset.embedSrc) {
        el.textContent = embedSnippet(`${el.dataset.embedSrc}${query}`, el.dataset.embedTitle ?? data.title);
      }
    }
    for (const url of blobs.splice(0)) URL.revokeObjectURL(url);
    const custom = customView() || partial();
    for (const a of downloads) {
      a.dataset.static ??= a.getAttribute('href') ?? '';
      const kind = a.dataset.download;
      if (!custom || (kind !== 'csv' && kind !== 'json' && kind !== 'svg')) {
        a.href = a.dataset.static;
        continue;
      }
      const body = kind === 'csv' ? toCsv(data, range) : kind === 'json' ? toJson(data, range) : toStandaloneSvg(data, { ...range, yScale: state.scale }, renderer.render);
      const type = kind === 'csv' ? 'text/csv' : kind === 'json' ? 'application/json' : 'image/svg+xml';
      const url = URL.createObjectURL(new Blob([body], { type: `${type};charset=utf-8` }));
      blobs.push(url);
      a.href = url;
    }
  };

  const render = () => {
    const options = optionsNow();
    layout = renderer.layout(data, options);
    // Replace only the svg: the tooltip lives beside it in the same container.
    const fresh = parseSvg(renderer.render(data, options));
    const current = plot.querySelector('svg');
    if (current) current.replaceWith(fresh);
    else plot.prepend(fresh);
    if (alt) alt.textContent = textAlternative(data, range);
    if (title) title.textContent = data.title;
    if (source) source.textContent = `Source: ${data.source}`;
    if (changeList) {
      changeList.replaceChildren(
        ...rangeChanges(data, range).map((c) => {
          const li = document.createElement('li');
          li.dataset.series = c.id;
          li.textContent = c.text;
          return li;
        }),
      );
    }
    const model = chartTable(data, range);
    for (const table of tables) {
      // Another view has other columns and values: the table is rebuilt. The built view only hides rows.
      if (controls) {
        fillTable(table, model);
        continue;
      }
      if (!category) {
        for (const row of table.querySelectorAll<HTMLTableRowElement>('tbody tr[data-month]')) {
          const m = row.dataset.month ?? '';
          row.hidden = m < range.from! || m > range.to!;
        }
      }
      table.querySelectorAll<HTMLElement>('tfoot [data-col]').forEach((cell) => {
        cell.textContent = model.totals[Number(cell.dataset.col)] ?? NO_VALUE;
      });
    }
    if (fromSel && range.from) fromSel.value = range.from;
    if (toSel && range.to) toSel.value = range.to;
    hide();
  };

  /** After the reader changed the view or the months (not on a resize): the links follow, and the page address. */
  const followView = () => {
    syncLinks();
    if (!syncUrl) return;
    const search = category ? location.search : searchForRange(location.search, range as { from: Month; to: Month }, months);
    history.replaceState(history.state, '', `${location.pathname}${viewQuery(search)}${location.hash}`);
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
      const heading = document.createElement('strong');
      heading.textContent = keyLong(data, month);
      const list = document.createElement('ul');
      for (const v of monthValues(data, month)) {
        const li = document.createElement('li');
        li.textContent = `${v.label}: ${v.value}`;
        list.append(li);
      }
      tooltip.replaceChildren(heading, list);
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
    if (announce && live) live.textContent = valuesSentence(data, month);
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
  plot.setAttribute('aria-label', `${built.title}. Use the left and right arrow keys to read the values of each ${category ? built.axis.name : 'month'}.`);
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
      followView();
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

  // The view control: measure, smoothing, scale and the series shown.
  if (viewForm && controls) {
    const boxes = [...viewForm.querySelectorAll<HTMLInputElement>('input[name="series"]')];
    const showState = () => {
      for (const d of controls.views ?? []) {
        const sel = viewForm.querySelector<HTMLSelectElement>(`select[name="${CSS.escape(d.id)}"]`);
        if (sel) sel.value = state.view[d.id] ?? d.choices[0]!.value;
      }
      const scaleSel = viewForm.querySelector<HTMLSelectElement>('select[name="scale"]');
      if (scaleSel) scaleSel.value = state.scale;
      const shown = new Set(state.series ?? seriesIds);
      for (const box of boxes) box.checked = shown.has(box.value);
    };
    showState();
    viewForm.hidden = false;
    viewForm.addEventListener('submit', (e) => e.preventDefault());
    viewForm.addEventListener('change', (e) => {
      const target = e.target as HTMLInputElement | HTMLSelectElement;
      const checked = boxes.filter((b) => b.checked).map((b) => b.value);
      // A chart needs at least one series: unchecking the last one is undone.
      if (boxes.length && !checked.length && target instanceof HTMLInputElement) {
        target.checked = true;
        if (live) live.textContent = `At least one of the ${controls.seriesPicker?.toLowerCase() ?? 'series'} stays shown.`;
        return;
      }
      const view = Object.fromEntries((controls.views ?? []).map((d) => [d.id, viewForm.querySelector<HTMLSelectElement>(`select[name="${CSS.escape(d.id)}"]`)?.value ?? d.choices[0]!.value]));
      const scale = viewForm.querySelector<HTMLSelectElement>('select[name="scale"]')?.value === 'log' ? 'log' : 'linear';
      const series = boxes.length && checked.length < seriesIds.length ? seriesIds.filter((id) => checked.includes(id)) : undefined;
      state = { view, scale, ...(series ? { series } : {}) };
      data = dataFor(state);
      render();
      followView();
      if (live) live.textContent = `Showing ${data.title}${scale === 'log' ? ', on a log scale' : ''}: ${data.series.map((s) => s.label).join(', ')}.`;
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
  if (fit() || partial() || customView()) render();
  if (partial() || customView()) syncLinks();
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
