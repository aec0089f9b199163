/** The SLO card's texts. */
export const sloMessages = {} as const;
