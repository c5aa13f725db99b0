// Runs the shared benchmark workload (../shared/bench/workload.json: scenario format, one policy set
// and 10,000 requests) through the peer engine @cloud-copilot/iam-simulate, one runSimulation call
// per request, and prints how many requests got each decision. Timed from the shell, end to end,
// beside 'arbiter simulate' of the same file: see bin/bench-startup and docs/performance.md.
// Usage: node peer-simulate.mjs WORKLOAD.json   (with the package installed next to it or on NODE_PATH)
import { readFileSync } from 'node:fs'
import { runSimulation } from '@cloud-copilot/iam-simulate'

const workload = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const named = (policies, prefix) => policies.map((policy, i) => ({ name: `${prefix}${i}`, policy }))
const base = {
  identityPolicies: named(workload.identityPolicies, 'identity'),
  // One SCP level in the workload: attach it at the account, the only level the workload has.
  serviceControlPolicies: (workload.serviceControlPolicies ?? []).map((level, i) => ({
    orgIdentifier: `level-${i}`,
    policies: named(level, `scp${i}-`)
  })),
  resourceControlPolicies: [],
  resourcePolicy: workload.resourcePolicy,
  permissionBoundaries: workload.permissionsBoundaries?.length
    ? named(workload.permissionsBoundaries, 'boundary')
    : undefined
}
const counts = {}
for (const { request } of workload.requests) {
  const response = await runSimulation(
    {
      ...base,
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.resourceAccount },
        contextVariables: request.context ?? {}
      }
    },
    {}
  )
  const outcome = response.resultType === 'error' ? 'error' : response.overallResult
  counts[outcome] = (counts[outcome] ?? 0) + 1
}
console.log(JSON.stringify(counts))
