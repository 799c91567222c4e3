import type { RecordedResponse } from '../../helpers/fakeSlack.js';

/** Every piece of text in a message or view (fallback, headers, sections, fields, context, buttons), one string. */
export function allText(body: Record<string, unknown> | RecordedResponse): string {
  const b = 'body' in body && typeof body.body === 'object' ? (body.body as Record<string, unknown>) : body;
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  walk(b);
  return out.join('\n');
}

export interface ElementLike {
  type?: string;
  action_id?: string;
  value?: string;
  text?: { text: string };
  options?: Array<{ value: string }>;
}

export interface BlockLike {
  type: string;
  block_id?: string;
  elements?: ElementLike[];
  accessory?: ElementLike;
}

export function blocksOf(body: Record<string, unknown>): BlockLike[] {
  const blocks = body.blocks ?? (body.view as { blocks?: unknown } | undefined)?.blocks;
  return Array.isArray(blocks) ? (blocks as BlockLike[]) : [];
}

/** The first interactive element with this action_id (prefix), anywhere in the blocks. */
export function findElement(body: Record<string, unknown>, actionId: string): ElementLike | undefined {
  for (const b of blocksOf(body)) {
    for (const e of b.elements ?? []) if (e.action_id === actionId || e.action_id?.startsWith(`${actionId}:`)) return e;
    if (b.accessory?.action_id === actionId) return b.accessory;
  }
  return undefined;
}

/** The fallback text and every mrkdwn text: the places where user text must arrive escaped. */
export function mrkdwnText(body: Record<string, unknown>): string {
  const out: string[] = typeof body.text === 'string' ? [body.text] : [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(body.blocks);
  return out.join('\n');
}
