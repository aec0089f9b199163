/** The texts of the budget chart (Delivery tab) and the team and org budget views. */
export const sloViewsMessages = {} as const;
