// The anchor for JobQueueBench: pg-boss 10.4.2 in its best configuration (4 workers, batchSize 1000, polling
// every 0.5 s) draining 40,000 no-op jobs, then create-to-start latency for 400 jobs sent one every 10 ms (one worker,
// batchSize 1000, polling every 0.5 s: with batchSize 1 a poll takes a single job, and a steady trickle queues up).
// Usage: node pgboss-bench.mjs postgres://user@127.0.0.1:port/postgres
import PgBoss from 'pg-boss';

const JOBS = Number(process.argv[3] ?? 40000);
const boss = new PgBoss({ connectionString: process.argv[2], schema: 'pgboss_bench', max: 12 });
boss.on('error', (e) => console.error('pg-boss error', e.message));
await boss.start();

await boss.createQueue('noop');
for (let i = 0; i < JOBS; i += 5000) {
  await boss.insert(Array.from({ length: Math.min(5000, JOBS - i) }, () => ({ name: 'noop', data: {} })));
}
let done = 0;
const start = performance.now();
const finished = new Promise((resolve) => {
  for (let w = 0; w < 4; w++) {
    boss.work('noop', { batchSize: 1000, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      done += jobs.length;
      if (done >= JOBS) resolve();
    });
  }
});
await finished;
const seconds = (performance.now() - start) / 1000;
console.log(`pg-boss 10.4.2: ${JOBS} no-op jobs, 4 workers, batchSize 1000, polling 0.5 s: ${Math.round(JOBS / seconds).toLocaleString('en-US')} jobs/s`);
await boss.offWork('noop');

await boss.createQueue('latency');
const latencies = [];
// The same best configuration: a poll takes every job that arrived since the last one.
await boss.work('latency', { batchSize: 1000, pollingIntervalSeconds: 0.5 }, async (jobs) => {
  const now = Date.now();
  for (const job of jobs) latencies.push(now - job.data.sent);
});
for (let i = 0; i < 400; i++) {
  await boss.send('latency', { sent: Date.now() });
  await new Promise((r) => setTimeout(r, 10));
}
while (latencies.length < 400) await new Promise((r) => setTimeout(r, 50));
latencies.sort((a, b) => a - b);
console.log(`pg-boss 10.4.2: create-to-start latency over 400 jobs: p50 ${latencies[200]} ms, p95 ${latencies[380]} ms`);
await boss.stop({ graceful: false, wait: true });
process.exit(0);
