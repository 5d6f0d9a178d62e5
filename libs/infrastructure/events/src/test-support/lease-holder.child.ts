// Child process of the SQLite file lease test: takes the lease of the file it is given, prints `ready`
// once it holds it (`busy` when another holder has it, and exits), then holds it until it is killed.
import { SqliteFileLease } from '../database/sqlite-file-lease.bootstrap';

const [file = ''] = process.argv.slice(2);
const lease = new SqliteFileLease({ file, holderName: `lease-holder.child pid ${process.pid}` });
if (!lease.tryAcquire()) {
  process.stdout.write('busy\n');
  process.exit(3);
}
process.stdout.write('ready\n');
// Held until the parent kills it: the lock is the process's.
setInterval(() => undefined, 60_000);
