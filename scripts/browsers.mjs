// The three browser engines the tests and the story check run in, all from
// Debian's packages (scripts/install-browsers.sh), none downloaded by a tool:
//   chromium  /usr/bin/chromium, driven by puppeteer-core over CDP
//   firefox   /usr/bin/firefox-esr, driven by puppeteer-core over WebDriver BiDi
//   webkit    WebKitGTK's MiniBrowser, driven by WebKitWebDriver (WebDriver classic)
//             in a private Xvfb display that startWebKit() starts and stops
// BROWSERS=chromium,firefox (any subset, comma-separated) picks engines for a
// quick local run; unset, every engine runs. Each program's path can be
// overridden (CHROME_PATH, FIREFOX_PATH, WEBKIT_DRIVER_PATH, MINIBROWSER_PATH,
// XVFB_PATH); an override naming no file falls back to Debian's path.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

/** The path in the environment variable `name` if that file exists, else Debian's. */
const pathFrom = (name, debian) => (process.env[name] && existsSync(process.env[name]) ? process.env[name] : debian);

/** The engines named by BROWSERS (default: all), in ENGINES order; throws on an unknown name. */
export function selectedEngines(value = process.env.BROWSERS) {
  const names = (value ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (!names.length) return [...ENGINES];
  const unknown = names.filter((name) => !ENGINES.includes(name));
  if (unknown.length) throw new Error(`BROWSERS: unknown engine ${unknown.join(', ')} (known: ${ENGINES.join(', ')})`);
  return ENGINES.filter((name) => names.includes(name));
}

// ---------------------------------------------------------------------------
// Chromium and Firefox (puppeteer-core)

// The system Chromium and the flags every headless run here needs: this
// machine has no sandbox for root and no network beyond the package registries.
export const CHROME_PATH = pathFrom('CHROME_PATH', '/usr/bin/chromium');
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const FIREFOX_PATH = pathFrom('FIREFOX_PATH', '/usr/bin/firefox-esr');

/** puppeteer-core launch options for an engine it drives (chromium or firefox). */
export function puppeteerLaunchOptions(engine) {
  if (engine === 'chromium') return { executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS };
  if (engine === 'firefox') {
    // puppeteer's Firefox profile already turns off updates, telemetry and safe browsing.
    return { browser: 'firefox', executablePath: FIREFOX_PATH, headless: true };
  }
  throw new Error(`puppeteer does not drive ${engine}`);
}

// ---------------------------------------------------------------------------
// WebKit (WebKitGTK's MiniBrowser under WebKitWebDriver, in Xvfb)

export const WEBKIT_DRIVER_PATH = pathFrom('WEBKIT_DRIVER_PATH', '/usr/bin/WebKitWebDriver');
export const MINIBROWSER_PATH = pathFrom(
  'MINIBROWSER_PATH',
  // libwebkit2gtk-4.1-0 installs it under the architecture's library directory.
  ['x86_64-linux-gnu', 'aarch64-linux-gnu', 'arm-linux-gnueabihf', 'i386-linux-gnu']
    .map((triplet) => `/usr/lib/${triplet}/webkit2gtk-4.1/MiniBrowser`)
    .find((path) => existsSync(path)) ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
);
export const XVFB_PATH = pathFrom('XVFB_PATH', '/usr/bin/Xvfb');

/** WebDriver capabilities for a MiniBrowser session. */
export const WEBKIT_CAPABILITIES = {
  browserName: 'MiniBrowser',
  'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args: ['--automation'] },
};

/** Where an engine's program should be; checked before a run so a missing one is named, not a timeout. */
export function enginePaths(engine) {
  if (engine === 'chromium') return [CHROME_PATH];
  if (engine === 'firefox') return [FIREFOX_PATH];
  if (engine === 'webkit') return [WEBKIT_DRIVER_PATH, MINIBROWSER_PATH, XVFB_PATH];
  return [];
}

/** The paths of the selected engines that are missing, with a hint. */
export function missingEngines(engines) {
  const missing = engines.flatMap((engine) =>
    enginePaths(engine)
      .filter((path) => !existsSync(path))
      .map((path) => `${engine}: ${path}`),
  );
  return missing.length ? `${missing.join(', ')} not found (bash scripts/install-browsers.sh installs them)` : '';
}

const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts Xvfb on the first free display (it says which through -displayfd); resolves when it accepts clients. */
function startXvfb() {
  const xvfb = track(
    spawn(XVFB_PATH, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    }),
  );
  let stderr = '';
  xvfb.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
  return new Promise((resolveDisplay, reject) => {
    let out = '';
    xvfb.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolveDisplay({ display: `:${out.trim()}`, process: xvfb });
    });
    xvfb.once('error', reject);
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready: ${stderr.trim()}`)));
  });
}

/**
 * Starts a private Xvfb display and WebKitWebDriver on a free local port, with
 * DISPLAY set for the driver and the MiniBrowsers it opens only (the calling
 * process's own environment is left alone). Resolves to { port, display, stop }.
 */
export async function startWebKit() {
  const xvfb = await startXvfb();
  let driver;
  try {
    const port = await freePort();
    driver = track(
      spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`, '--host=local'], {
        env: { ...process.env, DISPLAY: xvfb.display },
        stdio: ['ignore', 'ignore', 'pipe'],
      }),
    );
    let stderr = '';
    driver.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
    const exited = new Promise((_, reject) =>
      driver.once('exit', (code) => reject(new Error(`WebKitWebDriver exited (${code}): ${stderr.trim()}`))),
    );
    exited.catch(() => {});
    // Ready when /status answers; a driver that exits first says why.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ready = await Promise.race([
        fetch(`http://127.0.0.1:${port}/status`).then(
          (res) => res.ok,
          () => false,
        ),
        exited,
      ]);
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not answer on port ${port} within 30 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const stop = async () => {
      await stopChild(driver);
      await stopChild(xvfb.process);
    };
    return { port, display: xvfb.display, stop };
  } catch (error) {
    await stopChild(driver);
    await stopChild(xvfb.process);
    throw error;
  }
}
