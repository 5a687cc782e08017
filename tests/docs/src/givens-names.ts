/** The names a README block may use without declaring them (see `givens.ts`). */
export const givenNames = ["pgbeam", "profile", "raw"] as const;
