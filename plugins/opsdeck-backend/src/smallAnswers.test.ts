import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import express from 'express';
import request from 'supertest';
import { SMALL_ANSWER_BYTES, uncompressedSmallAnswers } from './smallAnswers';

/** An app with Backstage's own compression in front, as in a real backend. */
function app() {
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  const a = express();
  a.use(middleware.compression());
  a.use(uncompressedSmallAnswers());
  a.get('/sized/:n', (req, res) => {
    res.json({ text: 'x'.repeat(Number(req.params.n)) });
  });
  return a;
}

describe('uncompressedSmallAnswers', () => {
  it('sends answers under 16 KB as they are, and larger ones gzipped', async () => {
    const small = await request(app())
      .get('/sized/12000')
      .set('Accept-Encoding', 'gzip');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers['cache-control']).toBe('no-transform');
    expect(small.headers['content-type']).toMatch(/^application\/json/);
    expect(small.body.text).toHaveLength(12000);

    const large = await request(app())
      .get(`/sized/${SMALL_ANSWER_BYTES}`)
      .set('Accept-Encoding', 'gzip');
    expect(large.headers['content-encoding']).toBe('gzip');
    expect(large.body.text).toHaveLength(SMALL_ANSWER_BYTES);
  });
});
