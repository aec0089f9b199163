import express from 'express';

/** Answers below this size go uncompressed. */
export const SMALL_ANSWER_BYTES = 16_384;

/**
 * Sends JSON answers under {@link SMALL_ANSWER_BYTES} without gzip (`Cache-Control:
 * no-transform`, which Backstage's compression middleware honours): setting up a gzip stream
 * costs about 2 ms, more than a whole catalog entity read, and a DORA, SLO or on-call answer of a
 * few KB gains little from it. Larger answers (service tables, timelines) are still compressed.
 *
 * @internal
 */
export function uncompressedSmallAnswers(): express.RequestHandler {
  return (_req, res, next) => {
    res.json = (body: unknown) => {
      const text = JSON.stringify(body);
      if (text !== undefined && Buffer.byteLength(text) < SMALL_ANSWER_BYTES) {
        res.setHeader('Cache-Control', 'no-transform');
      }
      if (!res.get('Content-Type')) res.type('application/json');
      return res.send(text);
    };
    next();
  };
}
