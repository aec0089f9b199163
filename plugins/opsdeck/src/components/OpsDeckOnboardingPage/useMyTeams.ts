import {
  Entity,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/** The signed-in user, their catalog User (if any) and the teams they are a member of. */
export function useMyTeams() {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const { userEntityRef } = await identityApi.getBackstageIdentity();
    const user = await catalogApi.getEntityByRef(userEntityRef);
    const teamRefs = (user?.relations ?? [])
      .filter(r => r.type === RELATION_MEMBER_OF)
      .map(r => r.targetRef);
    const { items } = teamRefs.length
      ? await catalogApi.getEntitiesByRefs({ entityRefs: teamRefs })
      : { items: [] };
    const teams = items.filter((e): e is Entity => Boolean(e));
    return {
      userRef: userEntityRef,
      user,
      teams: teams.map(team => ({
        entityRef: stringifyEntityRef(team),
        title:
          (team.spec?.profile as { displayName?: string } | undefined)
            ?.displayName ??
          team.metadata.title ??
          team.metadata.name,
        members: (team.relations ?? [])
          .filter(r => r.type === 'hasMember')
          .map(r => r.targetRef)
          .filter(ref => ref !== userEntityRef),
      })),
    };
  }, [identityApi, catalogApi]);
}
