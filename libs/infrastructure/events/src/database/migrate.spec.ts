import Sqlite from 'better-sqlite3';
import { SchemaTooNewError } from './database.errors';
import { migrate } from './migrate';
import { migrations } from './migrations';

describe('migrate', () => {
  it('applies every step once, in order, and records it', () => {
    const db = new Sqlite(':memory:');
    expect(migrate(db, 'mem', 1)).toEqual(migrations.map((m) => m.version));
    expect(migrate(db, 'mem', 2)).toEqual([]);
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(migrations.map((m) => m.version));
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['checkpoints', 'dead_letters', 'events', 'snapshots']));
    db.close();
  });

  it('applies only the new steps to an older schema', () => {
    const db = new Sqlite(':memory:');
    migrate(db, 'mem', 1, migrations.slice(0, 2));
    expect(migrate(db, 'mem', 2)).toEqual(migrations.slice(2).map((m) => m.version));
    db.close();
  });

  it('refuses a database written by newer code', () => {
    const db = new Sqlite(':memory:');
    migrate(db, 'mem', 1);
    expect(() => migrate(db, 'mem', 2, migrations.slice(0, 1))).toThrow(SchemaTooNewError);
    db.close();
  });
});
