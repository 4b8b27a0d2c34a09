// Whole-table copy for `phongdich migrate` (store.hpp, "Whole-table copy"): the
// schema read from the catalogue of the session's schema, so a table or column
// added by a migration is copied without a change here.
//
// province_id, the distribution column, is a fact about other columns (the
// record's area, or its person's), so it is never exported and is computed
// again on import: a copy from SQLite, which has no such column, and a copy back
// and forth agree by construction.
#include <string>

#include "store/postgres/postgres_store.hpp"

namespace phongdich {
namespace {

constexpr std::string_view kDistributionColumn = "province_id";

// Table and column names come from the catalogue; they are still checked before
// they are spliced into SQL.
std::string quoted_name(std::string_view name) {
  if (name.empty()) throw StoreError("postgres copy: empty table or column name");
  for (char c : name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!plain) throw StoreError("postgres copy: unexpected name \"" + std::string(name) + "\"");
  }
  return "\"" + std::string(name) + "\"";
}

std::string column_list(std::span<const std::string> columns, std::string_view prefix = "") {
  std::string list;
  for (const std::string& column : columns) {
    if (!list.empty()) list += ", ";
    list += std::string(prefix) + quoted_name(column);
  }
  return list;
}

// The migration bookkeeping and the change log (of this database's servers)
// are not part of what is copied.
constexpr PgStatement kCopyTables{
    "copy_tables",
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
    "AND table_type = 'BASE TABLE' AND table_name NOT IN ('schema_migrations', 'change_log') "
    "ORDER BY table_name COLLATE \"C\""};
// Every stored column with its type; generated columns are computed, not copied.
constexpr PgStatement kCopyColumns{
    "copy_columns",
    "SELECT column_name, data_type FROM information_schema.columns "
    "WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' "
    "ORDER BY ordinal_position"};
constexpr PgStatement kPrimaryKey{
    "copy_primary_key",
    "SELECT a.attname FROM pg_index i JOIN pg_attribute a "
    "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey::int2[]) "
    "WHERE i.indrelid = to_regclass(quote_ident($1)) AND i.indisprimary "
    "ORDER BY array_position(i.indkey::int2[], a.attnum)"};
constexpr PgStatement kIdColumns{"copy_id_columns",
                                 "SELECT table_name, column_name FROM information_schema.columns "
                                 "WHERE table_schema = current_schema() "
                                 "AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')"};

// An area's province: its nearest province ancestor (itself for a province),
// else the highest ancestor below the nation, else itself (the nation), as
// replace_areas computes it in C++. Run over the whole table after each batch
// of areas, so that a parent copied in a later batch still counts.
constexpr std::string_view kDeriveAreaProvinces = R"sql(
WITH RECURSIVE chain(area, ancestor, depth) AS (
  SELECT id, id, 0 FROM areas
  UNION ALL
  SELECT c.area, a.parent_id, c.depth + 1 FROM chain c JOIN areas a ON a.id = c.ancestor
  WHERE a.parent_id IS NOT NULL AND c.depth < 32
), best AS (
  SELECT DISTINCT ON (c.area) c.area, c.ancestor
  FROM chain c JOIN areas a ON a.id = c.ancestor
  ORDER BY c.area, (a.level = 1) DESC, (a.level <> 0) DESC,
           CASE WHEN a.level = 1 THEN c.depth ELSE -c.depth END
)
UPDATE areas t SET province_id = b.ancestor FROM best b
WHERE b.area = t.id AND t.province_id IS DISTINCT FROM b.ancestor
)sql";

struct Column {
  std::string name;
  std::string type;
};

std::vector<Column> table_columns(PgConnection& db, std::string_view table) {
  const PgResult result = db.run(kCopyColumns, PgParams().add(table));
  if (result.empty()) throw StoreError("postgres copy: no table " + std::string(table));
  std::vector<Column> columns;
  for (int i = 0; i < result.rows(); ++i) {
    columns.push_back({std::string(result.text(i, 0)), std::string(result.text(i, 1))});
  }
  return columns;
}

bool has_column(const std::vector<Column>& columns, std::string_view name) {
  for (const Column& column : columns) {
    if (column.name == name) return true;
  }
  return false;
}

// Where the province of a staged row `s` comes from, in order of preference, as
// the store's own inserts compute it: a record lives in the shard of the case
// it belongs to (steps, checks, alerts), else of its person (doses, tests,
// cases: wherever the dose was given), else of its own area (persons,
// households, audit entries).
struct ProvinceSource {
  std::string_view column;
  std::string_view table;
};
constexpr ProvinceSource kProvinceSources[] = {
    {"case_id", "cases"},
    {"person_id", "persons"},
    {"area_id", "areas"},
};

std::string province_expression(std::string_view table, const std::vector<Column>& columns) {
  for (const ProvinceSource& source : kProvinceSources) {
    if (has_column(columns, source.column)) {
      return "coalesce((SELECT province_id FROM " + std::string(source.table) + " WHERE id = s." +
             std::string(source.column) + "), 0)";
    }
  }
  throw StoreError("postgres copy: no rule for the province_id of table " + std::string(table));
}

}  // namespace

std::vector<std::string> PostgresStore::copy_tables() {
  const PgResult result = db_.run(kCopyTables);
  std::vector<std::string> tables;
  for (int i = 0; i < result.rows(); ++i) tables.emplace_back(result.text(i, 0));
  return tables;
}

std::vector<std::string> PostgresStore::copy_columns(std::string_view table) {
  std::vector<std::string> names;
  for (Column& column : table_columns(db_, table)) {
    if (column.name != kDistributionColumn) names.push_back(std::move(column.name));
  }
  return names;
}

int64_t PostgresStore::copy_row_count(std::string_view table) {
  return db_.exec("SELECT count(*) FROM " + quoted_name(table), "copy row count").int64(0, 0);
}

void PostgresStore::export_rows(std::string_view table, std::span<const std::string> columns,
                                size_t batch_rows,
                                const std::function<void(const TableRows&)>& visit) {
  const std::vector<Column> stored = table_columns(db_, table);
  std::string select;
  for (const std::string& name : columns) {
    if (!select.empty()) select += ", ";
    bool boolean = false;
    for (const Column& column : stored) boolean |= column.name == name && column.type == "boolean";
    // Booleans travel as 0 and 1, as SQLite stores them.
    select += boolean ? quoted_name(name) + "::int" : quoted_name(name);
  }
  const PgResult keys = db_.run(kPrimaryKey, PgParams().add(table));
  std::string order;
  for (int i = 0; i < keys.rows(); ++i) {
    order += order.empty() ? " ORDER BY " : ", ";
    order += quoted_name(keys.text(i, 0));
  }

  TableRows batch;
  batch.columns.assign(columns.begin(), columns.end());
  const int width = static_cast<int>(columns.size());
  transaction([&] {
    db_.exec("DECLARE copy_out NO SCROLL CURSOR FOR SELECT " + select + " FROM " +
                 quoted_name(table) + order,
             "copy: declare cursor");
    const std::string fetch =
        "FETCH " + std::to_string(std::max<size_t>(batch_rows, 1)) + " FROM copy_out";
    while (true) {
      const PgResult rows = db_.exec(fetch, "copy: fetch");
      if (rows.empty()) break;
      batch.values.clear();
      batch.values.reserve(static_cast<size_t>(rows.rows() * width));
      for (int row = 0; row < rows.rows(); ++row) {
        for (int i = 0; i < width; ++i) batch.values.push_back(rows.optional_text(row, i));
      }
      visit(batch);
    }
    db_.exec("CLOSE copy_out", "copy: close cursor");
  });
}

void PostgresStore::import_rows(std::string_view table, const TableRows& rows) {
  if (rows.rows() == 0) return;
  std::string data;
  const size_t width = rows.columns.size();
  for (size_t row = 0; row < rows.rows(); ++row) {
    for (size_t i = 0; i < width; ++i) {
      const std::optional<std::string>& value = rows.values[row * width + i];
      const bool last = i + 1 == width;
      value ? copy_field(data, *value, last) : copy_null(data, last);
    }
  }
  const std::vector<Column> stored = table_columns(db_, table);
  bool derive_province = has_column(stored, kDistributionColumn);
  for (const std::string& column : rows.columns) derive_province &= column != kDistributionColumn;

  const std::string columns = column_list(rows.columns);
  transaction([&] {
    if (!derive_province) {
      db_.copy_in("COPY " + quoted_name(table) + " (" + columns + ") FROM STDIN", data,
                  "copy: COPY");
      return;
    }
    if (table == "areas") {
      // A province is found by walking up the tree: first in, then derived.
      db_.copy_in(
          "COPY areas (" + columns + ", province_id) FROM STDIN",
          [&] {
            // Each line gains a placeholder province (0) before its newline.
            std::string with_zero;
            with_zero.reserve(data.size() + rows.rows() * 2);
            for (char c : data) {
              if (c == '\n') with_zero += "\t0";
              with_zero += c;
            }
            return with_zero;
          }(),
          "copy: COPY areas");
      db_.exec(kDeriveAreaProvinces, "copy: provinces of areas");
      return;
    }
    // The rows go to a staging table of the same column types first, and from
    // there into the table with their province. One staging table per table,
    // emptied for each batch: a migration runs in one transaction, so ON COMMIT
    // DROP only drops them at its end.
    const std::string stage = quoted_name("copy_stage_" + std::string(table));
    db_.exec("CREATE TEMP TABLE IF NOT EXISTS " + stage + " ON COMMIT DROP AS SELECT " + columns +
                 " FROM " + quoted_name(table) + " WITH NO DATA; TRUNCATE " + stage,
             "copy: staging table");
    db_.copy_in("COPY " + stage + " FROM STDIN", data, "copy: COPY");
    db_.exec("INSERT INTO " + quoted_name(table) + " (" + columns + ", province_id) SELECT " +
                 column_list(rows.columns, "s.") + ", " + province_expression(table, stored) +
                 " FROM " + stage + " s",
             "copy: insert");
  });
}

void PostgresStore::finish_import() {
  const PgResult ids = db_.run(kIdColumns);
  for (int i = 0; i < ids.rows(); ++i) {
    const std::string table = quoted_name(ids.text(i, 0));
    const std::string column = quoted_name(ids.text(i, 1));
    // The next id handed out follows the largest one copied.
    db_.query("SELECT setval(pg_get_serial_sequence($1, $2), m) FROM (SELECT max(" + column +
                  ") AS m FROM " + table + ") t WHERE m IS NOT NULL",
              PgParams().add(table).add(std::string(ids.text(i, 1))), "copy: advance sequence");
  }
}

}  // namespace phongdich
