export interface SeedGuardOptions {
    /** the database the seed will use; default: $DATABASE_URL (or the variable the Prisma schema names), a .env file as Prisma reads it */
    db?: string;
    /** the Prisma schema that names the database's variable; default: prisma/schema.prisma */
    prismaSchema?: string;
    /** the project directory; default: process.cwd() */
    cwd?: string;
    /** default: process.env */
    env?: Record<string, string | undefined>;
    /** what is about to run, for messages; default: the script node is running */
    action?: string;
    /** where notes and the override's announcement go; default: process.stderr */
    log?: (line: string) => void;
}
/** Thrown where a seed must not run; its message says which signal fired and what to do. */
export declare class SeedRefusedError extends Error {
    name: string;
}
/**
 * Resolves when a seed may run here; rejects with SeedRefusedError where the database is marked
 * production (`seedguard protect`), the environment says production, the database's host or name
 * is a production one, or the database cannot be reached and nothing says the run is local.
 * `SEEDGUARD_ALLOW_PRODUCTION=<database name>` lets one run through, announced and recorded.
 */
export declare function assertSafeToSeed(options?: SeedGuardOptions): Promise<void>;
