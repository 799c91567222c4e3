import type { Db } from '../db/client.js';
import { claimPendingComments, storeAnalysedComments, type AnalysedRow } from '../db/queries/commentThemes.js';
import type { Logger } from '../logger.js';
import { type CommentAnalyser, createCommentAnalyser } from '../text/analyze.js';

/**
 * Background comment analysis: reads NPS comments written since the last run, stores their terms
 * (comment_terms; the daily rollup follows by trigger) and moves the watermark, batch by batch.
 * Ingest never waits for it. Batches are small and the loop yields between them, so analysis
 * (about 1–2 ms a comment) never holds the event loop long enough to delay a Slack ack.
 * Comments are never logged.
 */

export interface CommentAnalysisOptions {
  /** Comments per transaction (default 200). */
  batch?: number;
  /** Rows received this recently wait for the next run (default 5 s; tests pass 0). */
  settleSeconds?: number;
  /** Stop after this long and continue at the next run (default 20 s). */
  budgetMs?: number;
}

/** Analyses everything pending (within the budget); returns how many comments it stored. */
export async function analysePendingComments(db: Db, analyser: CommentAnalyser, options: CommentAnalysisOptions = {}): Promise<number> {
  const batch = options.batch ?? 200;
  const settle = options.settleSeconds ?? 5;
  const deadline = performance.now() + (options.budgetMs ?? 20_000);
  let stored = 0;
  for (;;) {
    const count = await db.transaction(async (tx) => {
      const claim = await claimPendingComments(tx, batch, settle);
      if (!claim || claim.rows.length === 0) return 0;
      const rows: AnalysedRow[] = claim.rows.map((r) => {
        const { language, terms } = analyser.analyse(r.comment);
        return { responseId: r.id, touchpointId: r.touchpointId, respondedAt: r.respondedAt, score: r.score, language, terms };
      });
      await storeAnalysedComments(tx, rows, claim.rows[claim.rows.length - 1]!.id);
      return rows.length;
    });
    stored += count;
    if (count < batch || performance.now() > deadline) return stored;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export interface CommentAnalysisWorker {
  /** One run now (tests, and after an ingest batch); resolves with the comments stored. */
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/** Runs the analysis every `intervalMs` (default 15 s), one run at a time; the dictionary loads on the first run. */
export function createCommentAnalysisWorker(args: { db: Db; logger: Logger; intervalMs?: number; options?: CommentAnalysisOptions }): CommentAnalysisWorker {
  let analyser: Promise<CommentAnalyser> | null = null;
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const runOnce = () => {
    running ??= (async () => {
      try {
        analyser ??= createCommentAnalyser();
        return await analysePendingComments(args.db, await analyser, args.options);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  return {
    runOnce,
    start: () => {
      if (timer) return;
      timer = setInterval(() => {
        runOnce().catch((err: unknown) => args.logger.error('comment analysis failed', { err }));
      }, args.intervalMs ?? 15_000);
      timer.unref();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => 0);
    },
  };
}
