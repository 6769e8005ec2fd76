// The companion step's bundle entry (dist/verify.js, verify/action.yml `main: ../dist/verify.js`).
import { runVerifyAction } from './verify.js'

await runVerifyAction()
