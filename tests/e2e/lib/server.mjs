// Starts the real parta-server on loopback with a fresh data dir and the demo school.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const serverBin = process.env.PARTA_SERVER_BIN || join(repo, 'build/native/server/parta-server');
export const webRoot = process.env.PARTA_WEB_ROOT || join(repo, 'build/wasm/web');
export const artifacts = process.env.PARTA_ARTIFACTS || join(repo, 'build/artifacts/e2e');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Server {
  constructor() {
    this.dataDir = mkdtempSync(join(tmpdir(), 'parta-e2e-'));
    this.port = 0;
    this.proc = null;
    this.log = '';
  }

  // Starts (or restarts on the same data dir and port) and waits until it listens.
  async start() {
    const ready = join(this.dataDir, `ready-${Date.now()}`);
    const args = ['--data-dir', this.dataDir, '--address', '127.0.0.1', '--port', String(this.port),
      '--web-root', webRoot, '--seed-demo', '--ready-file', ready];
    this.proc = spawn(serverBin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.proc.stderr.on('data', (d) => { this.log += d.toString(); });
    const exited = new Promise((r) => this.proc.once('exit', (code, signal) => r({ code, signal })));
    this.exited = exited;
    for (let i = 0; i < 300; i++) {
      if (existsSync(ready)) {
        this.port = Number(readFileSync(ready, 'utf8').trim());
        if (this.port > 0) return this;
      }
      if (this.proc.exitCode !== null) break;
      await sleep(50);
    }
    throw new Error(`server did not start:\n${this.log}`);
  }

  get url() { return `http://127.0.0.1:${this.port}/`; }

  // SIGTERM and wait; returns the exit code.
  async stop() {
    if (!this.proc || this.proc.exitCode !== null) return this.proc?.exitCode;
    this.proc.kill('SIGTERM');
    const { code } = await Promise.race([this.exited, sleep(10000).then(() => ({ code: 'timeout' }))]);
    if (code === 'timeout') this.proc.kill('SIGKILL');
    return code;
  }

  async kill9() {
    this.proc.kill('SIGKILL');
    await this.exited;
  }

  cleanup() { rmSync(this.dataDir, { recursive: true, force: true }); }
}
