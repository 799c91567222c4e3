import { renderPng, type RenderSize } from './localRenderer.js';
import type { ChartSpec } from './spec.js';

/**
 * The chart worker thread (run by the pool in renderPool.ts): chart.js on @napi-rs/canvas off the
 * main thread, so a burst of charts never delays Slack acks. Returns the PNG bytes as a plain
 * Uint8Array (structured clone copies it back; charts are tens of KB).
 */
export interface RenderTask {
  spec: ChartSpec;
  size: RenderSize;
}

export default function render(task: RenderTask): Uint8Array {
  const png = renderPng(task.spec, task.size);
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
