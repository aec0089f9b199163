import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { OnCallPerson } from '@opsdeck/backstage-plugin-common';
import { profileOf } from '../catalog/entities';

/**
 * Links provider people to catalog Users by `spec.profile.email`, case-insensitively, in one
 * catalog query as the caller; a person with no or several matching Users gets no link.
 *
 * @internal
 */
export async function linkPeople(
  catalog: CatalogService,
  people: OnCallPerson[],
  credentials: BackstageCredentials,
): Promise<OnCallPerson[]> {
  const emails = new Set(
    people.flatMap(p => (p.email && !p.userRef ? [p.email.toLowerCase()] : [])),
  );
  if (emails.size === 0) return people;
  const { items } = await catalog.getEntities(
    {
      filter: [...emails].map(email => ({
        kind: 'User',
        'spec.profile.email': email,
      })),
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'spec.profile.email',
      ],
    },
    { credentials },
  );
  const byEmail = new Map<string, string[]>();
  for (const user of items) {
    const email = (
      user.spec?.profile as { email?: string } | undefined
    )?.email?.toLowerCase();
    if (!email || !emails.has(email)) continue;
    byEmail.set(email, [
      ...(byEmail.get(email) ?? []),
      stringifyEntityRef(user),
    ]);
  }
  return people.map(p => {
    const refs = p.email ? byEmail.get(p.email.toLowerCase()) : undefined;
    return refs?.length === 1 && !p.userRef ? { ...p, userRef: refs[0] } : p;
  });
}

/** A rotation member's name and email from the catalog, read as the caller. @internal */
export async function catalogPerson(
  catalog: CatalogService,
  memberRef: string,
  credentials: BackstageCredentials,
): Promise<OnCallPerson> {
  const user = await catalog.getEntityByRef(memberRef, { credentials });
  return user
    ? { ...profileOf(user, memberRef), userRef: stringifyEntityRef(user) }
    : { name: memberRef };
}
