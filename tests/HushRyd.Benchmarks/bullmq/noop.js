// BullMQ side of `HushRyd.Benchmarks notifications`: adds N no-op jobs with addBulk, then processes them with one
// Worker of the given concurrency, and prints the rates as one JSON line.
// Usage: node noop.js <redis-port> <jobs> <concurrency> <queue-name>
'use strict';
const { Queue, Worker } = require('bullmq');

const [port, jobs, concurrency, name] = [Number(process.argv[2]), Number(process.argv[3]), Number(process.argv[4]), process.argv[5]];
const connection = { host: '127.0.0.1', port, maxRetriesPerRequest: null };
const chunk = 1000;

async function main() {
  const queue = new Queue(name, { connection });
  await queue.waitUntilReady();

  const addStart = process.hrtime.bigint();
  for (let added = 0; added < jobs; added += chunk) {
    const size = Math.min(chunk, jobs - added);
    await queue.addBulk(Array.from({ length: size }, (_, i) => ({ name: 'sms', data: { to: `+9198${String(added + i).padStart(8, '0')}`, body: `message ${added + i}` } })));
  }
  const addSeconds = Number(process.hrtime.bigint() - addStart) / 1e9;

  let completed = 0;
  let failed = 0;
  const worker = new Worker(name, async () => 'sent', { connection, concurrency, autorun: false });
  const drained = new Promise((resolve) => {
    const check = () => { if (completed + failed >= jobs) resolve(); };
    worker.on('completed', () => { completed++; check(); });
    worker.on('failed', () => { failed++; check(); });
  });
  const processStart = process.hrtime.bigint();
  worker.run();
  await drained;
  const processSeconds = Number(process.hrtime.bigint() - processStart) / 1e9;

  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  console.log(JSON.stringify({ jobs, concurrency, completed, failed, enqueuePerSecond: jobs / addSeconds, processedPerSecond: completed / processSeconds }));
}

main().catch((error) => { console.error(error); process.exit(1); });
