/** Builds the `seedguard/guard` library (guard.mjs, guard.cjs, guard.d.ts) into `outdir`, relative to the repository's root or absolute. */
export function buildGuardLibrary(outdir: string): Promise<void>
