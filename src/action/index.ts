// The bundle's entry (dist/index.js, action.yml `main`): everything testable lives in main.ts.
import { run } from './main.js'

await run()
