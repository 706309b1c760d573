/** The `<iframe>` snippet that embeds a chart (pure): the page renders it, and the client rewrites it for the view shown. */
import { escapeXml } from './escape.ts';

export function embedSnippet(url: string, title: string): string {
  return `<iframe src="${escapeXml(url)}" title="${escapeXml(title)}" width="100%" height="560" style="border:0" loading="lazy"></iframe>`;
}
