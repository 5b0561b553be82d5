#!/usr/bin/env node
// Runs the e2e suite in two lanes at once. Several files spend most of their
// time waiting on real minutes (a window's edge, a step-past running out, a
// heartbeat, a worker's idle timeout) with the CPU idle; they run one after
// another in one lane while every other file runs one after another in the
// other, so the waits no longer add up. Within a lane it is still one browser
// at a time (vitest.e2e.config.ts). Extra arguments go to both lanes.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

// Files whose time is mostly waiting (seconds in a full run, 2026-12-01).
const WAITING = [
  'tests/e2e/chromium/edges.test.ts', // 118: start and end edges on the minute
  'tests/e2e/chromium/worker-death.test.ts', // 80: soaks around edges
  'tests/e2e/chromium/clock-moved.test.ts', // 66: the heartbeat notices a zone change
  'tests/e2e/chromium/heads-up.test.ts', // 59: the heads-up before a window
  'tests/e2e/chromium/your-week.test.ts', // 45: a lived evening
  'tests/e2e/firefox/worker-death.test.ts', // 41: the event page's idle timeouts
  'tests/e2e/chromium/sync-retry.test.ts', // 37: sync's retry alarm
];
const missing = WAITING.filter((file) => !existsSync(file));
if (missing.length > 0) {
  console.error(`scripts/test-e2e.mjs names files that are not there: ${missing.join(', ')}`);
  process.exit(1);
}
const extraArgs = process.argv.slice(2);
const base = ['vitest', 'run', '--config', 'vitest.e2e.config.ts'];

function lane(name, args) {
  return new Promise((resolve) => {
    const child = spawn('npx', [...base, ...args, ...extraArgs], {
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = (stream, out) => {
      let rest = '';
      stream.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) out.write(`[${name}] ${line}\n`);
      });
      stream.on('end', () => rest && out.write(`[${name}] ${rest}\n`));
    };
    prefix(child.stdout, process.stdout);
    prefix(child.stderr, process.stderr);
    child.on('error', (error) => {
      console.error(`[${name}] could not start vitest: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const started = Date.now();
const codes = await Promise.all([
  lane('waits', WAITING),
  lane(
    'rest',
    WAITING.flatMap((file) => ['--exclude', file]),
  ),
]);
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(`\ne2e in two lanes took ${seconds} s: waits exit ${codes[0]}, rest exit ${codes[1]}`);
process.exit(codes.some((code) => code !== 0) ? 1 : 0);
