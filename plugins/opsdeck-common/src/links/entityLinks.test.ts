/* eslint-disable no-script-url -- javascript: URLs are fed on purpose: they must never become links */
import {
  annotationsWithoutLinks,
  entityLinks,
  parseLinkTemplates,
  renderLinkTemplate,
} from './entityLinks';

const entity = (
  annotations: Record<string, string>,
  links: Array<{ url: string; title?: string; type?: string }> = [],
) => ({
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default', annotations, links },
});

const argo = {
  title: 'Argo CD',
  url: 'https://argocd.acme.test/applications/{{annotation:argocd/app-name}}',
  group: 'cicd' as const,
  when: 'argocd/app-name',
};

describe('entityLinks', () => {
  it('builds grouped links from well-known annotations, templates and metadata.links', () => {
    const links = entityLinks(
      entity(
        {
          'github.com/project-slug': 'acme/checkout',
          'datadoghq.com/dashboard-url': 'https://app.datadoghq.com/dash/1',
          'argocd/app-name': 'checkout prod',
        },
        [
          { url: 'https://acme.slack.com/archives/C1', title: '#payments' },
          {
            url: 'https://wiki.acme.test/checkout',
            type: 'runbook',
            title: 'Runbook',
          },
          { url: 'https://example.test/x', title: 'Something' },
        ],
      ),
      [argo],
    );
    expect(links.map(l => [l.group, l.icon, l.title, l.url])).toEqual([
      [
        'cicd',
        'github',
        'GitHub repository',
        'https://github.com/acme/checkout',
      ],
      [
        'cicd',
        'github',
        'GitHub Actions',
        'https://github.com/acme/checkout/actions',
      ],
      [
        'observability',
        'datadog',
        'Datadog dashboard',
        'https://app.datadoghq.com/dash/1',
      ],
      // the value is URL-encoded, the icon comes from the annotation's tool
      [
        'cicd',
        'argocd',
        'Argo CD',
        'https://argocd.acme.test/applications/checkout%20prod',
      ],
      ['chat', 'chat', '#payments', 'https://acme.slack.com/archives/C1'],
      ['docs', 'link', 'Runbook', 'https://wiki.acme.test/checkout'],
      ['other', 'link', 'Something', 'https://example.test/x'],
    ]);
  });

  it('never makes a link of javascript:, data: or relative values, from annotations or templates', () => {
    const hostile = entity(
      {
        'datadoghq.com/dashboard-url': 'javascript:alert(1)',
        'grafana/overview-dashboard':
          'data:text/html,<script>alert(1)</script>',
        'argocd/app-name': 'javascript:alert(1)',
        'github.com/project-slug': '../../evil',
      },
      [
        { url: 'javascript:alert(document.cookie)', title: 'click me' },
        { url: ' JAVASCRIPT:alert(1)', title: 'shout' },
        { url: 'data:text/html;base64,PHNjcmlwdD4=', title: 'data' },
        { url: '/relative/path', title: 'relative' },
      ],
    );
    const templates = [
      argo,
      // a template whose whole URL is the annotation: not a literal scheme, refused
      {
        title: 'Raw',
        url: '{{annotation:argocd/app-name}}',
        group: 'cicd' as const,
        when: 'argocd/app-name',
      },
    ];
    const links = entityLinks(hostile, templates);
    for (const link of links) {
      expect(link.url).toMatch(/^https?:\/\//);
      expect(new URL(link.url).protocol).toMatch(/^https?:$/);
    }
    // the encoded value stays inside the path of the template's host
    expect(links.find(l => l.title === 'Argo CD')?.url).toBe(
      'https://argocd.acme.test/applications/javascript%3Aalert(1)',
    );
    expect(links.map(l => l.title)).not.toContain('click me');
    expect(links.map(l => l.title)).not.toContain('Datadog dashboard');
    expect(links.map(l => l.title)).not.toContain('Grafana dashboard');
    expect(links.map(l => l.title)).not.toContain('Raw');
    // a slug cannot climb out of github.com's path
    expect(links.find(l => l.title === 'GitHub repository')?.url).toBe(
      'https://github.com/evil',
    );
  });

  it('fills templates only when every placeholder has a value', () => {
    const t = {
      url: 'https://grafana.acme.test/d/{{annotation:grafana/dashboard-selector}}?ns={{entity.namespace}}&n={{entity.name}}',
      when: 'grafana/dashboard-selector',
    };
    expect(
      renderLinkTemplate(
        t,
        entity({ 'grafana/dashboard-selector': "tags @> 'pay'" }),
      ),
    ).toBe(
      "https://grafana.acme.test/d/tags%20%40%3E%20'pay'?ns=default&n=checkout",
    );
    expect(renderLinkTemplate(t, entity({}))).toBeUndefined();
    expect(
      renderLinkTemplate(
        { url: 'https://x.test/{{annotation:other}}', when: 'argocd/app-name' },
        entity({ 'argocd/app-name': 'a' }),
      ),
    ).toBeUndefined();
  });

  it('checks templates from config and names the bad field', () => {
    expect(parseLinkTemplates(undefined)).toEqual([]);
    expect(parseLinkTemplates([argo])).toEqual([argo]);
    expect(() =>
      parseLinkTemplates([argo, { ...argo, url: 'javascript:alert(1)' }]),
    ).toThrow(
      'opsdeck.links.templates[1].url: must start with https:// or http://',
    );
    expect(() => parseLinkTemplates([{ ...argo, group: 'misc' }])).toThrow(
      /templates\[0\]\.group/,
    );
    expect(() => parseLinkTemplates([{ ...argo, when: '' }])).toThrow(
      /templates\[0\]\.when: required/,
    );
  });

  it('names the annotations that need a template to become links', () => {
    expect(
      annotationsWithoutLinks(
        entity({
          'argocd/app-name': 'a',
          'jenkins.io/job-full-name': 'j',
          'github.com/project-slug': 'acme/a',
        }),
        [argo],
      ),
    ).toEqual(['jenkins.io/job-full-name']);
  });
});
