// A real phongdich server on loopback over a small generated area, for the
// browser tests and the web benchmark: generate → import → accounts → serve.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function run(binary, args, input) {
  const result = spawnSync(binary, args, { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0 && !(result.status === 1 && args.includes('import'))) {
    // Exit 1 on an import means "some rows rejected", which the generator does on purpose.
    throw new Error(`${binary} ${args.join(' ')} exited ${result.status}\n${result.stderr}`);
  }
  return result.stdout;
}

// A database of its own on the PostgreSQL server of `serverUrl`
// (postgres://USER@HOST:PORT/DB), made with psql; drop() removes it.
export function postgresDatabase(serverUrl) {
  const name = `phongdich_web_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  const url = target.toString();
  const psql = (sql) => {
    const result = spawnSync('psql', [serverUrl, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`psql: ${sql}: ${result.stderr}`);
  };
  psql(`CREATE DATABASE ${name}`);
  return { url, drop: () => psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

// Fills a database of the area (a new SQLite file in `dir`, or the empty one
// at `db`), with one account per entry of `accounts`.
export function prepareDatabase({ binary, dir, db = join(dir, 'web.db'), area, persons, seed = 11, asOf = '2022-09-15', accounts }) {
  const data = join(dir, 'data');
  // generate reads the area tree from a scratch database of its own, not var/ of the working directory.
  run(binary, ['--db', join(dir, 'generate.db'), 'generate', '--area', area, '--persons', String(persons), '--seed', String(seed), '--as-of', asOf, '--out', data]);
  run(binary, ['--db', db, 'import', 'persons', join(data, 'persons.csv')]);
  run(binary, ['--db', db, 'import', 'doses', join(data, 'doses.csv')]);
  for (const a of accounts) {
    run(binary, ['--db', db, 'user', 'add', a.username, '--role', a.role, '--area', a.area, '--password-stdin'], `${a.password}\n`);
  }
  return db;
}

// Starts `phongdich serve` on 127.0.0.1 with a free port; resolves when it listens.
export function startServer({ binary, db, webDir, today = '2022-09-15' }) {
  const args = ['--db', db, 'serve', '--port', '0', '--address', '127.0.0.1', '--access-log', 'off', '--login-rate', '1000', '--web-dir', webDir];
  if (today) args.splice(2, 0, '--today', today);
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${err}`)), 600_000);
    child.stderr.on('data', (chunk) => {
      err += chunk;
      const m = /on http:\/\/127\.0\.0\.1:(\d+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: `http://127.0.0.1:${m[1]}`, stop: () => stop(child) });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${err}`));
    });
  });
}

// SIGTERM by PID, then SIGKILL if it has not stopped within 10 s.
export function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'phongdich-web-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// A tiny API client for the test's own look-ups and fixtures (not the browser's).
export async function apiLogin(base, username, password) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const { token } = await r.json();
  const get = async (path) => {
    const a = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    if (!a.ok) throw new Error(`${path}: ${a.status} ${await a.text()}`);
    return a.json();
  };
  // Writes for the fixtures a scenario needs (cases, facilities): one key per request.
  get.post = async (path, body) => {
    const a = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify(body),
    });
    if (!a.ok) throw new Error(`POST ${path}: ${a.status} ${await a.text()}`);
    return a.json();
  };
  return get;
}
