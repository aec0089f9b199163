/**
 * The answer of `GET /health`.
 *
 * @public
 */
export interface HealthResponse {
  /** Always `ok`; an unhealthy backend answers 503 instead. */
  status: 'ok';
  /** Webhook sources installed through the OpsDeck extension point. */
  webhookSources: string[];
  /** On-call providers installed through the OpsDeck extension point. */
  oncallProviders: string[];
  /** SLI providers: Prometheus and those modules added through the extension point. */
  sliProviders: string[];
}
