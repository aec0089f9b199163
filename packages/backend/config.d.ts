export interface Config {
  opsdeck?: {
    /** The demo portal's permission policy (packages/backend/src/permissionPolicy.ts). */
    permissionPolicy?: {
      /**
       * Groups whose members hold `opsdeck.admin`, as entity refs (e.g. `group:default/platform`).
       * Empty or absent: nobody is an OpsDeck admin. Everything else is allowed to anyone signed in.
       */
      adminGroups?: string[];
    };
  };
}
