import { mockServices } from '@backstage/backend-test-utils';
import { TestPipeline } from '@backstage/plugin-search-backend-node';
import { EmptyUntilIndexedLunrSearchEngine } from './searchEngine';

describe('EmptyUntilIndexedLunrSearchEngine', () => {
  it('answers an empty result for a type nothing was indexed for yet, and finds it once indexed', async () => {
    const engine = new EmptyUntilIndexedLunrSearchEngine({
      logger: mockServices.logger.mock(),
    });
    expect(
      await engine.query({ term: 'runbook', types: ['techdocs'] }),
    ).toEqual({ results: [], numberOfResults: 0 });

    const indexer = await engine.getIndexer('techdocs');
    await TestPipeline.fromIndexer(indexer)
      .withDocuments([
        { title: 'Runbook', text: 'Elevated 5xx on orders', location: '/r' },
      ])
      .execute();
    const found = await engine.query({ term: 'runbook', types: ['techdocs'] });
    expect(found.results.map(r => r.document.location)).toEqual(['/r']);
  });

  it('still fails on other errors', async () => {
    const engine = new EmptyUntilIndexedLunrSearchEngine({
      logger: mockServices.logger.mock(),
    });
    engine.setTranslator(() => {
      throw new Error('broken translator');
    });
    await expect(engine.query({ term: 'x' })).rejects.toThrow(
      'broken translator',
    );
  });
});
