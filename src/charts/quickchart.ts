import QC from 'quickchart-js';
import type { ChartSpec } from './spec.js';
import type { RenderSize } from './size.js';

// Under NodeNext the default import is typed as the CommonJS module object; it is the class at run time.
const QuickChart = QC as unknown as (typeof QC)['default'];

/**
 * A chart image URL on QuickChart (public quickchart.io or a self-hosted instance). The whole
 * Chart.js config travels in the URL, so Slack's servers fetch it: data leaves the company.
 * getUrl() makes no network call.
 */
export function quickChartUrl(spec: ChartSpec, baseUrl: string, size: RenderSize): string {
  return build(spec, baseUrl, size).getUrl();
}

/**
 * A fixed-length URL for charts whose config is too long for Slack's 3000-character image_url:
 * POST /chart/create on the same QuickChart. On quickchart.io these links expire after a while
 * (longer with a subscription), so old messages may lose their image.
 */
export async function quickChartShortUrl(spec: ChartSpec, baseUrl: string, size: RenderSize, timeoutMs = 3000): Promise<string> {
  const res = await fetch(new URL('/chart/create', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(build(spec, baseUrl, size).getPostData()),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`QuickChart /chart/create answered ${res.status}`);
  const json = (await res.json()) as { success?: boolean; url?: unknown };
  if (!json.success || typeof json.url !== 'string') throw new Error('QuickChart /chart/create returned no url');
  return json.url;
}

function build(spec: ChartSpec, baseUrl: string, size: RenderSize): InstanceType<typeof QuickChart> {
  const base = new URL(baseUrl);
  return new QuickChart()
    .setConfig(spec)
    .setVersion('4')
    .setWidth(size.width)
    .setHeight(size.height)
    .setBackgroundColor('white')
    .setScheme(base.protocol.replace(':', ''))
    .setHost(base.host);
}
