import type { TableRef } from './types.js'

/** A string literal with its quotes doubled: the whole escape where backslashes are plain characters (each dialect says why). */
export const doubledQuotes = (value: string): string => `'${value.replace(/'/g, "''")}'`

/** `schema.name`, or `name` alone, quoted by the dialect's own `quote` */
export const qualifiedName = (quote: (identifier: string) => string) => (ref: TableRef): string => (ref.schema ? `${quote(ref.schema)}.${quote(ref.name)}` : quote(ref.name))
