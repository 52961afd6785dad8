import type { Me } from '@teilhabe/shared';
import type { Actor } from '../../platform/access/actor.js';

export function presentMe(actor: Actor): Me {
  return {
    id: actor.userId,
    email: actor.email,
    displayName: actor.displayName,
    locale: actor.locale,
    roles: actor.roles,
    permissions: [...actor.permissions].sort(),
    memberships: actor.memberships,
    totpEnabled: actor.totpEnabled,
    totpSetupRequired: actor.totpSetupRequired,
  };
}
