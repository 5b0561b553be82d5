import { build } from 'esbuild';

const [entry] = process.argv.slice(2);
const r = await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
  metafile: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  loader: { '.css': 'empty' },
  alias: { '@': '/work/wt/speed', 'wxt/browser': '@wxt-dev/browser' },
});
const out = Object.values(r.metafile.outputs)[0];
const rows = Object.entries(out.inputs)
  .map(([k, v]) => [v.bytesInOutput, k.replace(/^.*node_modules\//, 'npm:')])
  .sort((a, b) => b[0] - a[0]);
for (const [b, k] of rows.slice(0, 60)) console.log(b, k);
