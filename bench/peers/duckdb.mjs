// The DuckDB side of the benchmark: loads DIR/persons.csv and DIR/doses.csv into tables of a
// DuckDB database file (timed), then runs the same coverage and due-list SQL as the
// PostgreSQL side (coverage.sql, due_list.sql), `runs` times each, and reports the median.
//
// usage: node bench/peers/duckdb.mjs DIR [--as-of YYYY-MM-DD] [--commune CODE] [--runs N] [--keep]
//   --commune  the commune of the due list (default: the one with the most persons)
//   --keep     leave the database file (DIR/duckdb/bench.duckdb) behind
//
// Prints one line per figure: peer=duckdb metric=NAME value=NUMBER unit=UNIT, and leaves the
// coverage result in DIR/coverage.duckdb.csv for cross-checking with PostgreSQL's.
import { DuckDBInstance } from '@duckdb/node-api';
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const here = dirname(fileURLToPath(import.meta.url));

function parseArguments(argv) {
  const options = { dir: null, asOf: '2022-09-15', commune: '', runs: 5, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--as-of') options.asOf = argv[++i];
    else if (arg === '--commune') options.commune = argv[++i];
    else if (arg === '--runs') options.runs = Number(argv[++i]);
    else if (arg === '--keep') options.keep = true;
    else if (!arg.startsWith('--') && options.dir === null) options.dir = resolve(arg);
    else throw new Error(`unknown argument ${arg}`);
  }
  if (options.dir === null) {
    throw new Error('usage: duckdb.mjs DIR [--as-of DATE] [--commune CODE] [--runs N] [--keep]');
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) throw new Error(`--as-of ${options.asOf}: not a date`);
  if (!(options.runs >= 1)) throw new Error('--runs must be at least 1');
  return options;
}

function report(metric, value, unit) {
  console.log(`peer=duckdb metric=${metric} value=${value} unit=${unit}`);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// The CSV header as a column list (columns may come in any order; a BOM is ignored).
function csvColumns(file) {
  // Only the first 4 KiB: the files are gigabytes, more than a JavaScript string holds.
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(4096);
  const length = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  const head = buffer.subarray(0, length).toString('utf8');
  const line = head.split('\n')[0].replace(/^\uFEFF/, '').replace(/\r$/, '');
  const columns = line.split(',');
  for (const column of columns) {
    if (!/^[a-z_]+$/.test(column)) throw new Error(`${file}: unexpected column "${column}"`);
  }
  return columns;
}

function quoteLiteral(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

// The same columns and types as the PostgreSQL tables, without the keys and checks: DuckDB
// serves here as the analytical engine a user would point at the files.
const tables = {
  persons: `CREATE TABLE persons (
    person_ref VARCHAR NOT NULL, citizen_id VARCHAR, full_name VARCHAR NOT NULL,
    sex VARCHAR NOT NULL, birth_date DATE NOT NULL, commune_code VARCHAR NOT NULL,
    household_code VARCHAR, phone VARCHAR, comorbidities VARCHAR,
    pregnant SMALLINT, immunodeficient SMALLINT, high_exposure SMALLINT,
    other_risk SMALLINT, needs_home_visit SMALLINT)`,
  doses: `CREATE TABLE doses (
    person_ref VARCHAR NOT NULL, dose_date DATE NOT NULL, product VARCHAR NOT NULL,
    site_commune_code VARCHAR, lot VARCHAR)`,
};

async function load(connection, dir, table) {
  const file = join(dir, `${table}.csv`);
  const columns = csvColumns(file).join(', ');
  const start = performance.now();
  await connection.run(tables[table]);
  // COPY into a declared table reads each column as the table's type (no type sniffing,
  // so digits such as citizen_id or phone stay text).
  await connection.run(`COPY ${table} (${columns}) FROM ${quoteLiteral(file)} (FORMAT csv, HEADER true)`);
  const seconds = (performance.now() - start) / 1000;
  const rows = Number((await connection.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0][0]);
  report(`import_${table}_rows`, rows, 'rows');
  report(`import_${table}_seconds`, seconds.toFixed(3), 's');
  report(`import_${table}_rows_per_s`, Math.round(rows / seconds), 'rows/s');
  return { rows, seconds };
}

function queryText(name, asOf, commune) {
  return readFileSync(join(here, name), 'utf8')
    .replaceAll('{{as_of}}', asOf)
    .replaceAll('{{commune}}', commune);
}

function csvField(value) {
  const text = value === null ? '' : typeof value === 'boolean' ? (value ? 't' : 'f') : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

// Runs the query once and writes its result as CSV (the layout psql --csv writes).
async function saveResult(connection, sql, file) {
  const reader = await connection.runAndReadAll(sql);
  const lines = [reader.columnNames().join(',')];
  for (const row of reader.getRows()) lines.push(row.map(csvField).join(','));
  writeFileSync(file, lines.join('\n') + '\n');
  return lines.length - 1;
}

// Median and best of `runs` executions, each reading the whole result.
async function timeQuery(connection, name, sql, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await connection.runAndReadAll(sql);
    times.push(performance.now() - start);
  }
  report(`${name}_ms`, median(times).toFixed(3), 'ms');
  report(`${name}_ms_best`, Math.min(...times).toFixed(3), 'ms');
  report(`${name}_runs`, runs, 'runs');
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const work = join(options.dir, 'duckdb');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const databaseFile = join(work, 'bench.duckdb');
  try {
    // Two threads: the machine's two cores, as our program and PostgreSQL get.
    const instance = await DuckDBInstance.create(databaseFile, { threads: '2' });
    const connection = await instance.connect();
    const persons = await load(connection, options.dir, 'persons');
    const doses = await load(connection, options.dir, 'doses');
    const rows = persons.rows + doses.rows;
    const seconds = persons.seconds + doses.seconds;
    report('import_total_rows', rows, 'rows');
    report('import_total_seconds', seconds.toFixed(3), 's');
    report('import_total_rows_per_s', Math.round(rows / seconds), 'rows/s');
    await connection.run('CHECKPOINT');
    report('database_bytes', statSync(databaseFile).size, 'bytes');

    let commune = options.commune;
    if (!commune) {
      const reader = await connection.runAndReadAll(
        'SELECT commune_code FROM persons GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1',
      );
      commune = String(reader.getRows()[0][0]);
    }
    if (!/^\d+$/.test(commune)) throw new Error(`--commune ${commune}: not a commune code`);
    report('due_list_commune', commune, 'code');

    const coverage = queryText('coverage.sql', options.asOf, commune);
    const dueList = queryText('due_list.sql', options.asOf, commune);
    report('coverage_rows', await saveResult(connection, coverage, join(options.dir, 'coverage.duckdb.csv')), 'rows');
    report('due_list_rows', await saveResult(connection, dueList, join(options.dir, 'due_list.duckdb.csv')), 'rows');
    await timeQuery(connection, 'coverage', coverage, options.runs);
    await timeQuery(connection, 'due_list', dueList, options.runs);
    connection.closeSync();
    instance.closeSync();
  } finally {
    if (!options.keep) rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`duckdb.mjs: ${error.message}`);
  process.exit(1);
});
