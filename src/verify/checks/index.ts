import type { Check } from '../types.js'
import adminAccounts from './admin-accounts.js'
import batchSignature from './batch-signature.js'
import creationBursts from './creation-bursts.js'
import demoIdentities from './demo-identities.js'
import predictableSequences from './predictable-sequences.js'
import seededChildren from './seeded-children.js'

/** Every check, in the order they run: table checks, then the database checks that read their results. */
export const checks: Check[] = [creationBursts, batchSignature, demoIdentities, predictableSequences, adminAccounts, seededChildren]
