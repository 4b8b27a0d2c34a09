-- PostgreSQL tables equivalent to phongdich's SQLite registry (src/store/sqlite/migrations.cpp),
-- shaped by the CSV columns (docs/import-format.md) so that COPY reads the files as they are.
-- The same keys and indexes: a unique person_ref and citizen ID, the commune + folded-name and
-- folded-name indexes for name search, one dose per person per day. The simple row checks of
-- our import are CHECK constraints and foreign keys, so PostgreSQL validates what it can too.
-- postgres.sh runs each CREATE in the same transaction as the COPY that fills the table, as the
-- fastest bulk-load path of PostgreSQL (wal_level=minimal then skips the WAL).

-- :persons_ddl
CREATE TABLE persons (
  person_ref text NOT NULL CHECK (length(person_ref) <= 64),
  citizen_id text CHECK (citizen_id ~ '^[0-9]{12}$'),
  full_name text NOT NULL CHECK (length(full_name) <= 200),
  -- What our folded_name holds: lower case, diacritics removed.
  folded_name text GENERATED ALWAYS AS (lower(fold_vietnamese(full_name))) STORED,
  sex text NOT NULL CHECK (sex IN ('M', 'F', 'nam', 'nữ')),
  birth_date date NOT NULL CHECK (birth_date >= DATE '1900-01-01' AND birth_date <= DATE '{{today}}'),
  commune_code text NOT NULL REFERENCES communes (code),
  household_code text,
  phone text CHECK (phone ~ '^\+?[0-9]{9,15}$'),
  comorbidities text CHECK (comorbidities ~ '^([0-9]{1,2}(;[0-9]{1,2})*)?$'),
  pregnant smallint CHECK (pregnant IN (0, 1)),
  immunodeficient smallint CHECK (immunodeficient IN (0, 1)),
  high_exposure smallint CHECK (high_exposure IN (0, 1)),
  other_risk smallint CHECK (other_risk IN (0, 1)),
  needs_home_visit smallint CHECK (needs_home_visit IN (0, 1))
);
CREATE UNIQUE INDEX persons_person_ref ON persons (person_ref);
CREATE UNIQUE INDEX persons_citizen_id ON persons (citizen_id) WHERE citizen_id IS NOT NULL;
CREATE INDEX persons_commune_name ON persons (commune_code, folded_name);
CREATE INDEX persons_name ON persons (folded_name);

-- :doses_ddl
CREATE TABLE doses (
  person_ref text NOT NULL REFERENCES persons (person_ref),
  dose_date date NOT NULL CHECK (dose_date <= DATE '{{today}}'),
  product text NOT NULL CHECK (product IN ('AZ', 'SPUTNIK_V', 'PFIZER', 'VERO_CELL', 'HAYAT_VAX',
                                           'MODERNA', 'ABDALA', 'JANSSEN', 'COVAXIN')),
  site_commune_code text REFERENCES communes (code),
  lot text
);
-- One dose per person per day; also the index for "doses of a person" in date order.
CREATE UNIQUE INDEX doses_person_date ON doses (person_ref, dose_date);
