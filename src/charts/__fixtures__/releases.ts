/**
 * A fixed per-release chart (a category axis) for the chart library tests:
 * three releases, whose names do not sort by date, a count series and a rate
 * with no value in one release.
 */
import type { ChartData } from '../series.ts';

export const RELEASES: ChartData = {
  axis: {
    kind: 'category',
    name: 'release',
    label: 'Release',
    categories: [
      { id: 'zed', label: 'zed' },
      { id: '2023.1', label: '2023.1' },
      { id: '2023.2', label: '2023.2' },
    ],
  },
  title: 'Specs per release: all specs',
  description: 'Test fixture.',
  unit: 'specs per release',
  source: 'Test fixture.',
  series: [
    { id: 'approved', label: 'Specs approved', total: 'sum', points: [{ month: 'zed', value: 4 }, { month: '2023.1', value: 0 }, { month: '2023.2', value: 7 }] },
    { id: 'median-days', label: 'Median days', total: 'none', points: [{ month: 'zed', value: 12.5 }, { month: '2023.2', value: 3 }] },
  ],
};
