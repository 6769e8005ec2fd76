// Preloaded (`node -r`) into each timed process by bench/run.mjs: its own CPU time and peak memory,
// written to stderr as it exits, since a parent's spawnSync cannot see a child's resource usage.
const { writeSync } = require('node:fs')

process.on('exit', () => {
  const usage = process.resourceUsage()
  writeSync(2, `\nbench-usage ${(usage.userCPUTime + usage.systemCPUTime) / 1000} ${usage.maxRSS}\n`)
})
