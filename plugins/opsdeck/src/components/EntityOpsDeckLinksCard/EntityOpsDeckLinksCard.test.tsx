/* eslint-disable no-script-url -- javascript: URLs are fed on purpose: they must never become links */
import { Entity } from '@backstage/catalog-model';
import { fireEvent, screen, within } from '@testing-library/react';
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
  it('names the tool and the target of each link, groups them with an icon per tool and never links javascript: or data: values', async () => {
    await renderOnEntity(<EntityOpsDeckLinksCard />, {
      api: {},
      entity: service,
      config: {
        opsdeck: { links: { templates: [config.opsdeck.links.templates[0]] } },
      },
    });
    const cicd = screen.getByTestId('opsdeck-links-cicd');
    const repository = within(cicd).getByRole('link', {
      name: /^GitHub · acme\/checkout(,|$)/,
    });
    expect(repository).toHaveAttribute(
      'href',
      'https://github.com/acme/checkout',
    );
    expect(
      within(cicd).getByRole('link', {
        name: /^GitHub Actions · acme\/checkout(,|$)/,
      }),
    ).toHaveAttribute('href', 'https://github.com/acme/checkout/actions');
    expect(
      within(cicd).getByRole('link', { name: /^Argo CD · checkout(,|$)/ }),
    ).toHaveAttribute('href', 'https://argocd.acme.test/applications/checkout');
    // the annotation behind a link shows only on hover
    expect(cicd).not.toHaveTextContent('github.com/project-slug');
    fireEvent.mouseOver(repository);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'From the annotation github.com/project-slug on this entity.',
    );
    fireEvent.mouseLeave(repository);
    expect(cicd.querySelector('[data-icon="github"]')).not.toBeNull();
    expect(cicd.querySelector('[data-icon="argocd"]')).not.toBeNull();
    const observability = screen.getByTestId('opsdeck-links-observability');
    expect(observability.querySelector('[data-icon="grafana"]')).not.toBeNull();
    expect(
      within(observability).getByRole('link', {
        name: /^Grafana · checkout overview(,|$)/,
      }),
    ).toHaveAttribute('href', 'https://grafana.acme.test/d/checkout');
    expect(
      within(observability).queryByText('Datadog dashboard'),
    ).not.toBeInTheDocument();
    const chat = screen.getByTestId('opsdeck-links-chat');
    expect(
      within(chat).getByRole('link', { name: /^Slack · #payments(,|$)/ }),
    ).toBeInTheDocument();
    expect(chat.querySelector('[data-icon="chat"]')).not.toBeNull();
    const docs = screen.getByTestId('opsdeck-links-docs');
    expect(
      within(docs).getByRole('link', { name: 'TechDocs · checkout' }),
    ).toHaveAttribute('href', '/docs/default/component/checkout');
    for (const link of screen.getAllByRole('link')) {
      expect(link.getAttribute('href')).toMatch(/^(https?:\/\/|\/)/);
    }
    expect(screen.queryByText('Legacy console')).not.toBeInTheDocument();
    expect(screen.queryByText('Data URL')).not.toBeInTheDocument();
    // what needs a template: for admins, folded away
    const admin = screen.getByTestId('opsdeck-links-admin');
    fireEvent.click(within(admin).getByText('For admins'));
    expect(admin).toHaveTextContent(
      'Add a link template in opsdeck.links.templates to link jenkins.io/job-full-name',
    );
  });

  it('names the bad template instead of rendering it', async () => {
    await renderOnEntity(<EntityOpsDeckLinksCard />, {
      api: {},
      entity: service,
      config,
    });
    const admin = screen.getByTestId('opsdeck-links-admin');
    fireEvent.click(within(admin).getByText('For admins'));
    expect(admin).toHaveTextContent(
      'opsdeck.links.templates[1].url: must start with https:// or http://',
    );
    expect(screen.queryByText(/Hostile template/)).not.toBeInTheDocument();
  });

  it('says whom to ask when there are no links, and admins how to add them', async () => {
    await renderOnEntity(<EntityOpsDeckLinksCard />, {
      api: {},
      entity: { ...service, metadata: { name: 'bare', namespace: 'default' } },
    });
    const empty = screen.getByTestId('opsdeck-links-empty');
    expect(empty).toHaveTextContent(
      'No links yet. Ask payments to add the service’s tools to its catalog entry.',
    );
    expect(
      within(empty).getByRole('link', { name: 'payments' }),
    ).toHaveAttribute('href', '/catalog/default/group/payments');
    expect(empty).not.toHaveTextContent('github.com/project-slug');
    const fix = screen.getByTestId('opsdeck-links-empty-fix');
    fireEvent.click(within(fix).getByText('For admins'));
    expect(fix).toHaveTextContent('github.com/project-slug');
  });
});
