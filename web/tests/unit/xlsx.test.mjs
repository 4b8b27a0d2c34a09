// The XLSX writer and the CSV export on their own (node --test): the module is
// compiled from TypeScript with the esbuild that Vite brings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSync } from 'esbuild';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const src = join(dirname(fileURLToPath(import.meta.url)), '../../src');
async function load(file) {
  const out = buildSync({ entryPoints: [join(src, file)], bundle: true, format: 'esm', write: false, platform: 'neutral' });
  const dir = mkdtempSync(join(tmpdir(), 'phongdich-unit-'));
  const path = join(dir, file.replace('.ts', '.mjs'));
  writeFileSync(path, out.outputFiles[0].text);
  try {
    return await import(pathToFileURL(path).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const { crc32, zipStore, xlsx } = await load('xlsx.ts');

function entries(zip) {
  const buf = Buffer.from(zip);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const out = new Map();
  let at = buf.readUInt32LE(end + 16);
  for (let i = 0; i < buf.readUInt16LE(end + 10); i++) {
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + buf.readUInt16LE(local + 26);
    const data = buf.subarray(start, start + size);
    assert.equal(buf.readUInt32LE(local + 14), buf.readUInt32LE(at + 16), `local and central CRC of ${name}`);
    assert.equal(crc32(data), buf.readUInt32LE(at + 16), `CRC of ${name}`);
    out.set(name, data.toString('utf8'));
    at += 46 + nameLength;
  }
  return out;
}

test('CRC-32 matches the standard check value', () => {
  assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
  assert.equal(crc32(new Uint8Array()), 0);
});

test('a store-only ZIP keeps every file byte for byte', () => {
  const files = [
    { name: 'a.txt', data: new TextEncoder().encode('xin chào') },
    { name: 'dir/b.bin', data: new Uint8Array([0, 1, 2, 255]) },
  ];
  const zip = entries(zipStore(files, new Date(2022, 8, 15, 10, 30, 0)));
  assert.deepEqual([...zip.keys()], ['a.txt', 'dir/b.bin']);
  assert.equal(zip.get('a.txt'), 'xin chào');
});

test('the workbook has its parts, escapes text and keeps numbers as numbers', () => {
  const book = entries(xlsx('Quá hạn', [['Họ và tên', 'Số ngày trễ'], ['Lê Văn <Tùng> & "Con"', 24], [null, 0]]));
  for (const part of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']) {
    assert.ok(book.has(part), part);
  }
  const sheet = book.get('xl/worksheets/sheet1.xml');
  assert.match(sheet, /<c r="A2" t="inlineStr"><is><t xml:space="preserve">Lê Văn &lt;Tùng&gt; &amp; &quot;Con&quot;<\/t><\/is><\/c>/);
  assert.match(sheet, /<c r="B2"><v>24<\/v><\/c>/);
  assert.match(sheet, /<c r="B3"><v>0<\/v><\/c>/);
  assert.match(sheet, /<c r="A1" s="1" t="inlineStr">/);
  assert.match(book.get('xl/workbook.xml'), /<sheet name="Quá hạn" sheetId="1" r:id="rId1"\/>/);
});

test('CSV quotes what needs quoting and keeps formulas as text', async () => {
  // csv.ts touches the DOM only in download(), which is not called here.
  const { csv } = await load('csv.ts');
  const text = csv([['a', 'b,c'], ['"q"', '=1+1'], [null, -3]]);
  assert.equal(text, '\uFEFFa,"b,c"\r\n"""q""",\'=1+1\r\n,-3\r\n');
});
