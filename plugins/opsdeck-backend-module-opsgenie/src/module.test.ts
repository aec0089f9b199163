import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  OpsDeckOnCallProvider,
  opsdeckOnCallProvidersExtensionPoint,
  opsdeckWebhookSourcesExtensionPoint,
} from '@opsdeck/backstage-plugin-node';
import opsdeckModuleOpsgenieAll from './index';

/** Stands in for the OpsDeck backend: records the on-call providers modules add. */
function fakeOpsDeck() {
  const providers: OpsDeckOnCallProvider[] = [];
  const plugin = createBackendPlugin({
    pluginId: 'opsdeck',
    register(env) {
      env.registerExtensionPoint(opsdeckOnCallProvidersExtensionPoint, {
        addOnCallProvider: (...added) => providers.push(...added),
      });
      env.registerExtensionPoint(opsdeckWebhookSourcesExtensionPoint, {
        addWebhookSource: () => {},
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
  return { plugin, providers };
}

/** A root logger that keeps what is logged. */
function recordingLogger() {
  const lines: { level: string; message: string }[] = [];
  const logger = {
    ...Object.fromEntries(
      ['error', 'warn', 'info', 'debug'].map(level => [
        level,
        (message: string) => lines.push({ level, message }),
      ]),
    ),
    child: () => logger,
  } as unknown as typeof coreServices.rootLogger.T;
  const factory = createServiceFactory({
    service: coreServices.rootLogger,
    deps: {},
    factory: () => logger,
  });
  return { factory, lines };
}

const opsgenie = { token: 'og-key' };
const jsm = {
  cloudId: 'a436116f-02ce-4520-8fbb-7301462a1674',
  email: 'ops-bot@acme.example',
  apiToken: 'atl-token',
};

async function start(oncall: Record<string, object>) {
  const { plugin, providers } = fakeOpsDeck();
  const { factory, lines } = recordingLogger();
  const backend = await startTestBackend({
    features: [
      plugin,
      opsdeckModuleOpsgenieAll,
      factory,
      mockServices.rootConfig.factory({
        data: {
          opsdeck: {
            oncall,
            webhooks: { opsgenie: { secrets: ['webhook-secret'] } },
          },
        },
      }),
    ],
  });
  return {
    providerIds: providers.map(p => p.id).sort(),
    warnings: lines.filter(l => l.level === 'warn').map(l => l.message),
    stop: () => backend.stop(),
  };
}

describe('the on-call modules of the package', () => {
  it('with both opsdeck.oncall.opsgenie and opsdeck.oncall.jsm, only JSM answers opsgenie.com/team, and a warning says why', async () => {
    const { providerIds, warnings, stop } = await start({ opsgenie, jsm });
    expect(providerIds).toEqual(['jsm']);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^OpsDeck: opsdeck\.oncall\.opsgenie and opsdeck\.oncall\.jsm are both configured; both answer opsgenie\.com\/team, so Jira Service Management .* answers and the Opsgenie on-call provider is not added/,
      ),
    ]);
    await stop();
  });

  it('with only one of them configured, that provider is added and nothing is said', async () => {
    const onlyOpsgenie = await start({ opsgenie });
    expect(onlyOpsgenie.providerIds).toEqual(['opsgenie']);
    expect(onlyOpsgenie.warnings).toEqual([]);
    await onlyOpsgenie.stop();

    const onlyJsm = await start({ jsm });
    expect(onlyJsm.providerIds).toEqual(['jsm']);
    expect(onlyJsm.warnings).toEqual([]);
    await onlyJsm.stop();
  });
});
