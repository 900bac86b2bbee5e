// Starts the real parta-server on loopback with a fresh data dir and the demo school;
// stops, kills, pauses and restarts it on the same port and data dir. setup()
// registers the usual before/after pair of a test file (server + browser).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname, normalize, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './client.mjs';

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
    this.shell = null;  // serveShellOnly()
  }

  // Starts (or restarts on the same data dir and port) and waits until it listens.
  async start() {
    if (this.running) throw new Error('server already running');
    await this.stopShell();
    const ready = join(this.dataDir, `ready-${Date.now()}`);
    const args = ['--data-dir', this.dataDir, '--address', '127.0.0.1', '--port', String(this.port),
      '--web-root', webRoot, '--seed-demo', '--ready-file', ready];
    this.proc = spawn(serverBin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.proc.stderr.on('data', (d) => { this.log += d.toString(); });
    this.exited = new Promise((r) => this.proc.once('exit', (code, signal) => r({ code, signal })));
    for (let i = 0; i < 300; i++) {
      if (existsSync(ready)) {
        this.port = Number(readFileSync(ready, 'utf8').trim());
        if (this.port > 0) return this;
      }
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) break;
      await sleep(50);
    }
    throw new Error(`server did not start:\n${this.log}`);
  }

  get url() { return `http://127.0.0.1:${this.port}/`; }
  get running() { return !!this.proc && this.proc.exitCode === null && this.proc.signalCode === null; }

  // SIGTERM and wait (a paused server is resumed first); returns the exit code.
  async stop() {
    await this.stopShell();
    if (!this.running) return this.proc?.exitCode;
    this.proc.kill('SIGCONT');
    this.proc.kill('SIGTERM');
    const { code } = await Promise.race([this.exited, sleep(10000).then(() => ({ code: 'timeout' }))]);
    if (code === 'timeout') {
      this.proc.kill('SIGKILL');
      await this.exited;
    }
    return code;
  }

  // SIGKILL: no chance to flush anything (the durability contract's case).
  async kill9() {
    if (!this.running) return;
    this.proc.kill('SIGKILL');
    await this.exited;
  }

  // SIGSTOP / SIGCONT: the process keeps its sockets, the kernel still accepts
  // connections and buffers bytes, but nothing is answered until resume().
  pause() { this.proc.kill('SIGSTOP'); }
  resume() { this.proc.kill('SIGCONT'); }

  // Closes what serveShellOnly() opened.
  async stopShell() {
    if (!this.shell) return;
    const shell = this.shell;
    this.shell = null;
    shell.closeAllConnections();
    await new Promise((r) => shell.close(r));
  }

  cleanup() { rmSync(this.dataDir, { recursive: true, force: true }); }
}

// The usual test file set-up: a fresh server and one browser for all its tests;
// after them the server must exit cleanly on SIGTERM. Returns an object whose
// `server` and `browser` are set once before() ran.
export function setup() {
  const env = { server: null, browser: null };
  before(async () => {
    mkdirSync(artifacts, { recursive: true });
    env.server = await new Server().start();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    const code = await env.server?.stop();
    env.server?.cleanup();
    assert.equal(code, 0, 'server exits cleanly on SIGTERM');
  });
  return env;
}

const contentTypes = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm' };

// While the server is down: the client's files from the build folder on the same
// address, as a browser with the app in its cache would have them; the WebSocket
// is refused. (Serving them through page.route instead makes Chromium treat the
// page as public and block its WebSocket to 127.0.0.1: Local Network Access.)
export async function serveShellOnly(server) {
  if (server.running) throw new Error('the server is running');
  const shell = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/') path = '/index.html';
    const file = normalize(join(webRoot, path));
    if (!file.startsWith(webRoot + '/') || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': contentTypes[extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(readFileSync(file));
  });
  shell.on('upgrade', (req, socket) => socket.destroy());
  await new Promise((ok, fail) => { shell.once('error', fail); shell.listen(server.port, '127.0.0.1', ok); });
  server.shell = shell;
}
