/**
 * Builds the CLI (cli.js and its chunks) into `outdir`, relative to the repository's root or
 * absolute; resolves to the files bundled into it, relative to the root (node_modules/… for a dependency).
 */
export function buildCli(outdir: string): Promise<string[]>

/** esbuild options every bundle of seedguard's code shares */
export const BUNDLE_OPTIONS: Record<string, unknown>
