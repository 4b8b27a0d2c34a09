// Builds web/ into web/dist, which `phongdich serve` serves. Hashed files go
// to /assets/ (cached for a year by the server); a .gz copy of each is written
// beside it so the server can send it compressed without compressing per request.
import { defineConfig, type Plugin } from 'vite';
import { gzipSync } from 'node:zlib';

function precompress(): Plugin {
  return {
    name: 'phongdich-precompress',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const [name, item] of Object.entries(bundle)) {
        if (!name.startsWith('assets/') || !/\.(js|css|svg)$/.test(name)) continue;
        const source = item.type === 'chunk' ? item.code : item.source;
        this.emitFile({ type: 'asset', fileName: `${name}.gz`, source: gzipSync(source, { level: 9 }) });
      }
    },
  };
}

export default defineConfig({
  // The CSP is default-src 'self': no inline script, and the preload polyfill is not needed.
  build: { target: 'es2022', modulePreload: { polyfill: false }, assetsInlineLimit: 0, sourcemap: false },
  plugins: [precompress()],
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
