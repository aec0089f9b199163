/* eslint-disable no-script-url -- javascript: URLs are fed on purpose: they must never become links */
import { Entity } from '@backstage/catalog-model';
import { screen, within } from '@testing-library/react';
import { renderOnEntity } from '../../__testUtils__/fixtures';
import { EntityOpsDeckLinksCard } from './EntityOpsDeckLinksCard';

const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: {
      'github.com/project-slug': 'acme/checkout',
      'argocd/app-name': 'checkout',
      'grafana/overview-dashboard': 'https://grafana.acme.test/d/checkout',
      'datadoghq.com/dashboard-url': 'javascript:alert(1)',
      'backstage.io/techdocs-ref': 'dir:.',
      'jenkins.io/job-full-name': 'checkout/main',
    },
    links: [
      {
        url: 'https://acme.slack.test/payments',
        title: '#payments',
        type: 'chat',
      },
      { url: 'data:text/html,<script>alert(1)</script>', title: 'Data URL' },
      { url: 'javascript:alert(document.cookie)', title: 'Legacy console' },
    ],
  },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

const config = {
  opsdeck: {
    links: {
      templates: [
        {
          title: 'Argo CD',
          url: 'https://argocd.acme.test/applications/{{annotation:argocd/app-name}}',
          group: 'cicd',
          when: 'argocd/app-name',
        },
        {
          title: 'Hostile template',
          url: 'javascript:alert({{annotation:argocd/app-name}})',
          group: 'cicd',
          when: 'argocd/app-name',
        },
      ],
    },
  },
};

describe('EntityOpsDeckLinksCard', () => {
  it('groups links with an icon per tool and never links javascript: or data: values', async () => {
    await renderOnEntity(<EntityOpsDeckLinksCard />, {
      api: {},
      entity: service,
      config: {
        opsdeck: { links: { templates: [config.opsdeck.links.templates[0]] } },
      },
    });
    const cicd = screen.getByTestId('opsdeck-links-cicd');
    expect(
      within(cicd).getByRole('link', { name: /GitHub repository/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/checkout');
    expect(within(cicd).getByRole('link', { name: /Argo CD/ })).toHaveAttribute(
      'href',
      'https://argocd.acme.test/applications/checkout',
    );
    expect(cicd.querySelector('[data-icon="github"]')).not.toBeNull();
    expect(cicd.querySelector('[data-icon="argocd"]')).not.toBeNull();
    const observability = screen.getByTestId('opsdeck-links-observability');
    expect(observability.querySelector('[data-icon="grafana"]')).not.toBeNull();
    expect(
      within(observability).queryByText('Datadog dashboard'),
    ).not.toBeInTheDocument();
    const chat = screen.getByTestId('opsdeck-links-chat');
    expect(
      within(chat).getByRole('link', { name: /#payments/ }),
    ).toBeInTheDocument();
    expect(chat.querySelector('[data-icon="chat"]')).not.toBeNull();
    const docs = screen.getByTestId('opsdeck-links-docs');
    expect(
      within(docs).getByRole('link', { name: /TechDocs/ }),
    ).toHaveAttribute('href', '/docs/default/component/checkout');
    for (const link of screen.getAllByRole('link')) {
      expect(link.getAttribute('href')).toMatch(/^(https?:\/\/|\/)/);
    }
    expect(screen.queryByText('Legacy console')).not.toBeInTheDocument();
    expect(screen.queryByText('Data URL')).not.toBeInTheDocument();
    // what needs a template
    expect(screen.getByText(/to link/)).toHaveTextContent(
      'jenkins.io/job-full-name',
    );
  });

  it('names the bad template instead of rendering it', async () => {
    await renderOnEntity(<EntityOpsDeckLinksCard />, {
      api: {},
      entity: service,
      config,
    });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'opsdeck.links.templates[1].url: must start with https:// or http://',
    );
    expect(screen.queryByText('Hostile template')).not.toBeInTheDocument();
  });

  it('says how to add links when there are none', async () => {
    await renderOnEntity(<EntityOpsDeckLinksCard />, {
      api: {},
      entity: { ...service, metadata: { name: 'bare', namespace: 'default' } },
    });
    expect(screen.getByTestId('opsdeck-links-empty')).toHaveTextContent(
      'github.com/project-slug',
    );
  });
});
