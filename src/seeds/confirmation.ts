/**
 * What a destructive command that asks "[y/N]" first does where nothing answers it, as in a CI job or
 * a container start: it stops. The note says what would answer it (a flag, a pipe, a terminal).
 */
export const askedFirst = (answeredBy: string): string => `it asks for confirmation (default No) and goes ahead only where something answers y: ${answeredBy}`
