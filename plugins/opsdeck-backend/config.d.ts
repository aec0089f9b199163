export interface Config {
  /** Configuration for the OpsDeck plugins. */
  opsdeck?: {
    /**
     * How long raw webhook and event deliveries are kept, for debugging hooks.
     * A Backstage duration object or ISO 8601 duration; default 30 days.
     */
    retention?: {
      rawDeliveries?: string | { days?: number; hours?: number };
    };
  };
}
