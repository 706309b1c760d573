/** Number and month wording shared by chart text, tables, tooltips and axes (deterministic, UTC, en-US). */
import { format as d3format } from 'd3-format';
import { utcFormat } from 'd3-time-format';
import { isCategoryChart, monthStart, type ChartData, type Month } from './series.ts';

const integer = d3format(',d');
const decimal = d3format(',.1f');
const change = d3format('+,.1~f');
const longMonth = utcFormat('%B %Y');
const shortMonth = utcFormat('%b %Y');

/** 1234 -> "1,234"; non-integers get one decimal. */
export function formatValue(n: number): string {
  return Number.isInteger(n) ? integer(n) : decimal(n);
}

/** A percentage change: 2100 -> "+2,100%", -50 -> "−50%", 12.34 -> "+12.3%" (one decimal at most); 0 -> "0%". */
export function formatChange(percent: number): string {
  const rounded = Math.round(percent * 10) / 10;
  return rounded === 0 ? '0%' : `${change(rounded)}%`;
}

/** What a table cell or tooltip shows for a month a series has no value in (a share of no threads). */
export const NO_VALUE = '—';

/** "2024-03" -> "March 2024". */
export function monthLong(m: Month): string {
  return longMonth(monthStart(m));
}

/** "2024-03" -> "Mar 2024". */
export function monthShort(m: Month): string {
  return shortMonth(monthStart(m));
}

/** How a point's key reads: a category's label ("2024.1"), or the month in full ("March 2024"). */
export function keyLong(data: Pick<ChartData, 'axis'>, key: string): string {
  if (!isCategoryChart(data)) return monthLong(key);
  return data.axis.categories.find((c) => c.id === key)?.label ?? key;
}
