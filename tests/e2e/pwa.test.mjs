// The installable app: the manifest and service worker are served with the right
// types; the worker caches the shell, so a second visit downloads nothing and the
// app opens with the server unreachable; a new deploy shows the update banner,
// and its button switches to the new version. The server here serves a copy of
// the build (the test changes it to play a deploy).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const root = mkdtempSync(join(tmpdir(), 'parta-pwa-web-'));
cpSync(process.env.PARTA_WEB_ROOT || join(repo, 'build/wasm/web'), root, { recursive: true });
process.env.PARTA_WEB_ROOT = root;
const { Server } = await import('./lib/server.mjs');
const { launch, waitFor } = await import('./lib/client.mjs');

let server, browser;
before(async () => { server = await new Server().start(); browser = await launch(); });
after(async () => {
  await browser?.close();
  await server?.stop();
  server?.cleanup();
  rmSync(root, { recursive: true, force: true });
});

test('manifest and service worker are served with their types and no-cache', async () => {
  const m = await fetch(server.url + 'manifest.webmanifest');
  assert.equal(m.status, 200);
  assert.equal(m.headers.get('content-type'), 'application/manifest+json');
  const manifest = await m.json();
  assert.equal(manifest.name, 'Parta');
  assert.equal(manifest.lang, 'ru');
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512'));
  for (const icon of manifest.icons) assert.equal((await fetch(server.url + icon.src)).status, 200);
  const sw = await fetch(server.url + 'sw.js');
  assert.equal(sw.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(sw.headers.get('cache-control'), 'no-cache');
  assert.equal(sw.headers.get('service-worker-allowed'), '/');
  assert.match(await sw.text(), /const VERSION = '[0-9a-f]{16}'/);
});

test('second visit comes from the cache; a deploy offers the update, which reloads into it', async () => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 700 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await waitFor(page, () => window.partaTest.state().first_interactive_ms != null, null, 'first frame', 30000);
  await page.waitForFunction(() => navigator.serviceWorker.controller, null, { timeout: 30000 });

  // Reopen: the shell must not touch the network (only sw.js may be checked).
  const fetched = [];
  page.on('response', (r) => { if (!r.fromServiceWorker()) fetched.push(new URL(r.url()).pathname); });
  await page.reload();
  await waitFor(page, () => window.partaTest.state().first_interactive_ms != null, null, 'first frame from cache', 30000);
  assert.deepEqual(fetched.filter((p) => p !== '/sw.js' && p !== '/ws'), [], 'nothing but the worker check on a repeat visit');
  const cached = await page.evaluate(async () => (await caches.keys()).join(','));
  assert.match(cached, /^parta-shell-[0-9a-f]{16}$/);

  // A deploy: a new shell and a new worker version.
  const html = readFileSync(join(root, 'index.html'), 'utf8').replace('<title>Parta</title>', '<title>Parta</title><meta name="parta-deploy" content="2">');
  writeFileSync(join(root, 'index.html'), html);
  execFileSync('gzip', ['-9', '-k', '-f', join(root, 'index.html')]);
  const sw = readFileSync(join(root, 'sw.js'), 'utf8').replace(/const VERSION = '([0-9a-f]{16})'/, "const VERSION = 'deploy2deploy2de'");
  writeFileSync(join(root, 'sw.js'), sw);
  execFileSync('gzip', ['-9', '-k', '-f', join(root, 'sw.js')]);

  // The tab looks for it when it comes back into view (or on the next visit).
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.waitForFunction(() => getComputedStyle(document.getElementById('update')).display !== 'none', null, { timeout: 30000 });
  assert.equal(await page.textContent('#update-button'), 'Обновить');
  assert.match(await page.textContent('#update-text'), /Доступна новая версия/);
  // Still the old page until the person chooses.
  assert.equal(await page.locator('meta[name=parta-deploy]').count(), 0);

  await Promise.all([page.waitForEvent('load', { timeout: 30000 }), page.click('#update-button')]);
  await waitFor(page, () => window.partaTest.state().first_interactive_ms != null, null, 'first frame after update', 30000);
  assert.equal(await page.locator('meta[name=parta-deploy]').count(), 1, 'the new shell is shown');
  assert.equal(await page.evaluate(async () => (await caches.keys()).join(',')), 'parta-shell-deploy2deploy2de');

  // Offline (the server is down): the app still opens from the cache.
  await server.stop();
  await page.reload();
  await waitFor(page, () => window.partaTest.state().first_interactive_ms != null, null, 'first frame offline', 30000);
  await context.close();
  await server.start();
});
