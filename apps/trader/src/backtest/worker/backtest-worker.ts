// The aliases first: in the built app this file is a worker's entry point, loaded before anything else.
import '../../bootstrap/register-aliases';
import { parentPort } from 'node:worker_threads';
import type { RunJobMessage, WorkerMessage } from './backtest-job';
import { runBacktestJob } from './run-backtest-job';

/**
 * A backtest worker thread: runs the jobs the pool sends, one at a time, and answers every job with
 * `done` or `failed`, so an error in one run never takes the thread (or the pool) down.
 */
const port = parentPort;
if (!port) throw new Error('backtest-worker must run in a worker thread');

port.on('message', (message: RunJobMessage) => {
  const post = (reply: WorkerMessage): void => port.postMessage(reply);
  runBacktestJob(message.job, (progress) => post({ kind: 'progress', jobId: message.jobId, progress })).then(
    (result) => post({ kind: 'done', jobId: message.jobId, result }),
    (error: unknown) =>
      post({
        kind: 'failed',
        jobId: message.jobId,
        error: error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) },
      }),
  );
});
