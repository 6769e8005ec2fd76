/** Builds the CLI (cli.js and its chunks) into `outdir`, relative to the repository's root or absolute. */
export function buildCli(outdir: string): Promise<void>
