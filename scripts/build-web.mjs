#!/usr/bin/env node
/**
 * Builds the chat UI: bundles src/web/client/main.ts (with the shared zod protocol schemas and Chart.js)
 * and src/web/public/styles.css into content-hashed files under dist/web/assets/, writes dist/web/index.html
 * from the template in src/web/public/ with those names, and pre-compresses the assets (gzip, brotli) so
 * the server only ever serves files. Run by `npm run build:web`, and before `npm start` and `npm test`.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const finalDir = path.join(root, 'dist', 'web');
const watch = process.argv.includes('--watch');
// A one-off build is written beside dist/web and swapped in at the end, so a server already running
// (another terminal, a parallel test run) never sees a half-written or empty bundle folder.
const outDir = watch ? finalDir : path.join(root, 'dist', `web.tmp-${process.pid}`);
const assetsDir = path.join(outDir, 'assets');
const publicDir = path.join(root, 'src', 'web', 'public');

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Replaces the template's `/main.js` and `/styles.css` references with the hashed bundle names. */
async function writeIndex(metafile) {
  const outputs = Object.entries(metafile.outputs);
  const find = (entry) => {
    const match = outputs.find(([, output]) => output.entryPoint === entry);
    if (!match) throw new Error(`build-web: no output for ${entry}`);
    return `/${path.relative(outDir, path.join(root, match[0])).split(path.sep).join('/')}`;
  };
  const script = find('src/web/client/main.ts');
  const styles = find('src/web/public/styles.css');
  const template = await readFile(path.join(publicDir, 'index.html'), 'utf8');
  if (!template.includes('"/main.js"') || !template.includes('"/styles.css"')) {
    throw new Error('build-web: index.html must reference "/main.js" and "/styles.css"');
  }
  const html = template.replace('"/main.js"', `"${script}"`).replace('"/styles.css"', `"${styles}"`);
  await writeFile(path.join(outDir, 'index.html'), html);
  await writeFile(path.join(outDir, 'manifest.json'), `${JSON.stringify({ script, styles }, null, 2)}\n`);
  return { script, styles };
}

async function compress(metafile) {
  for (const file of Object.keys(metafile.outputs)) {
    if (file.endsWith('.map')) continue;
    const full = path.join(root, file);
    const data = await readFile(full);
    await writeFile(`${full}.gz`, await gzipAsync(data, { level: 9 }));
    await writeFile(`${full}.br`, await brotliAsync(data, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
}

/**
 * zod re-exports all of its ~40 error-message locales (`z.locales`), which no tree-shaker can drop from a
 * namespace re-export: a quarter of a megabyte the UI never uses. Only English is kept.
 * @type {import('esbuild').Plugin}
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: path.join(args.resolveDir, '../locales/index.js'), namespace: 'zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: 'export { default as en } from "./en.js";\n',
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/** @type {import('esbuild').BuildOptions} */
const options = {
  absWorkingDir: root,
  entryPoints: ['src/web/client/main.ts', 'src/web/public/styles.css'],
  outdir: assetsDir,
  entryNames: '[name]-[hash]',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
  minify: !watch,
  sourcemap: 'linked',
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [zodEnglishOnly],
};

await rm(outDir, { recursive: true, force: true });
await mkdir(assetsDir, { recursive: true });

async function swapIntoPlace() {
  const old = path.join(root, 'dist', `web.old-${process.pid}`);
  await rename(finalDir, old).catch((error) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(outDir, finalDir);
  await rm(old, { recursive: true, force: true });
}

if (watch) {
  const context = await esbuild.context({
    ...options,
    plugins: [
      ...options.plugins,
      {
        name: 'write-index',
        setup(build) {
          build.onEnd(async (result) => {
            if (result.metafile) await writeIndex(result.metafile);
            console.log(`build-web: rebuilt (${result.errors.length} errors)`);
          });
        },
      },
    ],
  });
  await context.watch();
  console.log('build-web: watching src/web for changes');
} else {
  const started = performance.now();
  let result;
  try {
    result = await esbuild.build(options);
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
  const { script, styles } = await writeIndex(result.metafile);
  await compress(result.metafile);
  await swapIntoPlace();
  const size = (file) => result.metafile.outputs[path.relative(root, path.join(outDir, file))]?.bytes ?? 0;
  console.log(
    `build-web: ${script} (${Math.round(size(script) / 1024)} KiB), ${styles} (${Math.round(size(styles) / 1024)} KiB) in ${Math.round(performance.now() - started)} ms`,
  );
}
