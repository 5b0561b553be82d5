#!/usr/bin/env node
// Runs the unit suite once per time zone: wall-clock logic must not depend on
// where the machine (or the CI runner) happens to be. Ends with one plain line,
// "N passed, N failed", summed over every run; exits non-zero if any run failed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The same zones as tests/unit/support/time.ts (ZONES); America/Santiago changes its clocks at midnight.
const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'America/Santiago',
];
const extraArgs = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'hearth-unit-'));

/** Vitest's own summary line, for when the JSON report is missing (a crash mid-run). */
function countsFromText(text) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  const line = plain.split('\n').find((l) => /^\s*Tests\s+\d/.test(l));
  if (!line) return null;
  const passed = Number(/(\d+) passed/.exec(line)?.[1] ?? 0);
  const failed = Number(/(\d+) failed/.exec(line)?.[1] ?? 0);
  return { passed, failed };
}

/** Counts and the failed tests' names, from vitest's JSON report. */
function resultsFromJson(file) {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof report.numPassedTests !== 'number' || typeof report.numFailedTests !== 'number')
      return null;
    const failures = [];
    for (const suite of report.testResults ?? []) {
      for (const test of suite.assertionResults ?? []) {
        if (test.status !== 'failed') continue;
        const firstLine = String(test.failureMessages?.[0] ?? '').split('\n')[0];
        failures.push(
          `${suite.name.replace(`${process.cwd()}/`, '')} > ${test.fullName}: ${firstLine}`,
        );
      }
    }
    return { counts: { passed: report.numPassedTests, failed: report.numFailedTests }, failures };
  } catch {
    return null;
  }
}

function runZone(zone, index) {
  const jsonFile = join(dir, `report-${index}.json`);
  const args = [
    'vitest',
    'run',
    '--config',
    'vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${jsonFile}`,
    ...extraArgs,
  ];
  const env = { ...process.env, TZ: zone };
  if (process.stdout.isTTY && env.FORCE_COLOR === undefined) env.FORCE_COLOR = '1';
  return new Promise((resolve) => {
    const child = spawn('npx', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      text += chunk;
      process.stderr.write(chunk);
    });
    child.on('error', (error) => {
      console.error(`Could not start vitest: ${error.message}`);
      resolve({ code: 1, counts: null, failures: [] });
    });
    child.on('close', (code, signal) => {
      const fromJson = resultsFromJson(jsonFile);
      const counts = fromJson?.counts ?? countsFromText(text);
      resolve({ code: code ?? (signal ? 1 : 0), counts, failures: fromJson?.failures ?? [] });
    });
  });
}

let passed = 0;
let failed = 0;
let anyRunFailed = false;
// Repeated at the very end, so the last lines of a long CI log say what failed.
const failureLines = [];
const started = Date.now();
for (const [index, zone] of ZONES.entries()) {
  console.log(`\n=== TZ=${zone} ===`);
  const { code, counts, failures } = await runZone(zone, index);
  for (const failure of failures) failureLines.push(`TZ=${zone}: ${failure}`);
  if (code !== 0 && failures.length === 0) failureLines.push(`TZ=${zone}: the run exited ${code}`);
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
  }
  // A run that crashed before counting anything still counts against the total.
  if (code !== 0) {
    anyRunFailed = true;
    if (!counts || counts.failed === 0) failed += 1;
  }
  console.log(
    `=== TZ=${zone}: ${counts ? `${counts.passed} passed, ${counts.failed} failed` : 'no results'} (exit ${code}) ===`,
  );
}
rmSync(dir, { recursive: true, force: true });
console.log(
  `\nUnit tests in ${ZONES.length} time zones took ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
if (failureLines.length > 0)
  console.log(`\nFailed:\n${failureLines.map((l) => `  ${l}`).join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(anyRunFailed || failed > 0 ? 1 : 0);
