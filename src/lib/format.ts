import { format } from 'date-fns';
import { UTCDate } from '@date-fns/utc';

/** All dates are shown in UTC, the way upstreams record them. */
export function day(iso: string | undefined): string {
  return iso ? format(new UTCDate(iso), 'yyyy-MM-dd') : '';
}

export function dateTime(iso: string | undefined): string {
  return iso ? `${format(new UTCDate(iso), 'yyyy-MM-dd HH:mm')} UTC` : '';
}

export function month(iso: string): string {
  return format(new UTCDate(iso), 'MMMM yyyy');
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}
