import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration for the OpsDeck backend plugin. */
  opsdeck?: {
    /** How events are mapped to catalog entities. */
    mapping?: {
      /**
       * How often the annotation → entity index is rebuilt from the catalog; events for a
       * service that joins the catalog are attributed within one interval. Default 5 minutes.
       */
      refreshInterval?: HumanDuration | string;
    };
  };
}
