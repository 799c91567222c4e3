import { createHash } from 'node:crypto';
import type { RenderSize } from './size.js';
import type { ChartSpec } from './spec.js';

/** The cache key of one rendering: a hash of the spec (as JSON) and the size. */
export function chartKey(spec: ChartSpec, size: RenderSize): string {
  return createHash('sha256').update(JSON.stringify([size.width, size.height, spec])).digest('base64url');
}

/**
 * Rendered PNGs by key, least recently used first out, bounded by total bytes. Identical charts
 * requested at the same time share one rendering (the in-flight promise), and a failed rendering
 * is not cached.
 */
export interface PngCache {
  getOrRender(key: string, render: () => Promise<Buffer>): Promise<Buffer>;
  readonly bytes: number;
  readonly size: number;
}

export function createPngCache(maxBytes: number): PngCache {
  const done = new Map<string, Buffer>();
  const inFlight = new Map<string, Promise<Buffer>>();
  let bytes = 0;

  const store = (key: string, png: Buffer): void => {
    if (png.byteLength > maxBytes) return;
    const old = done.get(key);
    if (old) {
      bytes -= old.byteLength;
      done.delete(key);
    }
    done.set(key, png);
    bytes += png.byteLength;
    for (const [k, v] of done) {
      if (bytes <= maxBytes) break;
      done.delete(k);
      bytes -= v.byteLength;
    }
  };

  return {
    getOrRender: (key, render) => {
      const hit = done.get(key);
      if (hit) {
        // Refresh its place: a Map iterates in insertion order, oldest first.
        done.delete(key);
        done.set(key, hit);
        return Promise.resolve(hit);
      }
      const pending = inFlight.get(key);
      if (pending) return pending;
      const p = render().then(
        (png) => {
          inFlight.delete(key);
          store(key, png);
          return png;
        },
        (err: unknown) => {
          inFlight.delete(key);
          throw err;
        },
      );
      inFlight.set(key, p);
      return p;
    },
    get bytes() {
      return bytes;
    },
    get size() {
      return done.size;
    },
  };
}
