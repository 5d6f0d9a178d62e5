import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { UpbitCredentialsError } from './credentials.errors';
import { UpbitCredentials, credentialsFromEnvironment, credentialsFromFile } from './upbit-credentials';

describe('UpbitCredentials', () => {
  const secret = 'super-secret-value-123';

  it('never shows the keys in strings, JSON or util.inspect', () => {
    const credentials = new UpbitCredentials('access-abc', secret);
    for (const shown of [String(credentials), JSON.stringify({ credentials }), inspect(credentials), inspect({ nested: credentials })]) {
      expect(shown).not.toContain(secret);
      expect(shown).not.toContain('access-abc');
    }
  });

  it('reads the keys from the environment the app passes in', () => {
    const credentials = credentialsFromEnvironment({ UPBIT_ACCESS_KEY: 'a', UPBIT_SECRET_KEY: secret });
    expect(credentials.accessKey).toBe('a');
    expect(credentials.secretKey()).toBe(secret);
  });

  it('names the missing variable, not a value', () => {
    expect(() => credentialsFromEnvironment({ UPBIT_ACCESS_KEY: 'a' })).toThrow(UpbitCredentialsError);
    expect(() => credentialsFromEnvironment({ UPBIT_ACCESS_KEY: 'a' })).toThrow(/UPBIT_SECRET_KEY/);
  });

  describe('from a file', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upbit-keys-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('reads access_key and secret_key from JSON', async () => {
      const file = path.join(dir, 'keys.json');
      fs.writeFileSync(file, JSON.stringify({ access_key: 'ak', secret_key: secret }));
      const credentials = await credentialsFromFile(file);
      expect(credentials.accessKey).toBe('ak');
    });

    it('fails with the file name and the missing field, without the secret', async () => {
      const file = path.join(dir, 'keys.json');
      fs.writeFileSync(file, JSON.stringify({ access_key: secret }));
      await expect(credentialsFromFile(file)).rejects.toThrow(/"secret_key" is missing/);
      await expect(credentialsFromFile(file)).rejects.not.toThrow(new RegExp(secret));
      await expect(credentialsFromFile(path.join(dir, 'absent.json'))).rejects.toThrow(/ENOENT/);
    });
  });
});
